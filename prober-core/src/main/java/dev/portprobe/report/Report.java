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
