package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import java.time.Instant;
import java.util.List;

/** A whole run: what was probed, how, and every result in plan order. */
public record Report(
        String profile,
        String mode,
        String namespace,
        Instant startedAt,
        long durationMs,
        List<CheckResult> results,
        List<String> notes) {

    public Report {
        results = List.copyOf(results);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Every namespace the results were probed in, in order of appearance; else the report's {@link #namespace()}, if
     * any. Several when the run had several {@code -n}.
     */
    public List<String> namespaces() {
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        for (CheckResult r : results) {
            if (r.check().namespace() != null) {
                seen.add(r.check().namespace());
            }
        }
        if (seen.isEmpty() && namespace != null) {
            seen.add(namespace);
        }
        return List.copyOf(seen);
    }

    public Summary summary() {
        return Summary.of(results);
    }

    /** 0 when every required check is OK (or skipped), else 1. */
    public int exitCode() {
        return results.stream().anyMatch(CheckResult::failsRun) ? 1 : 0;
    }

    public record Summary(int total, int ok, int failed, int skipped) {
        static Summary of(List<CheckResult> results) {
            int ok = 0;
            int failed = 0;
            int skipped = 0;
            for (CheckResult r : results) {
                if (r.status() == Status.OK) {
                    ok++;
                } else if (r.status() == Status.SKIPPED) {
                    skipped++;
                } else {
                    failed++;
                }
            }
            return new Summary(results.size(), ok, failed, skipped);
        }
    }
}
