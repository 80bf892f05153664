package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import java.time.Instant;
import java.util.List;

/**
 * A whole run: what was probed, how, and every result in plan order.
 *
 * @param apiError one line saying how the cluster's API failed during the run (the report holds what was gathered
 *                 until then, and the run exits 3), or null
 * @param clusters every cluster of a fleet run, in order, with its error if it could not be reached; empty for a
 *                 single-cluster run
 */
public record Report(
        String profile,
        String mode,
        String namespace,
        Instant startedAt,
        long durationMs,
        List<CheckResult> results,
        List<String> notes,
        String apiError,
        List<ClusterRun> clusters) {

    public Report {
        results = List.copyOf(results);
        notes = notes == null ? List.of() : List.copyOf(notes);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }

    /** A run of one cluster (or none). */
    public Report(String profile, String mode, String namespace, Instant startedAt, long durationMs,
                  List<CheckResult> results, List<String> notes, String apiError) {
        this(profile, mode, namespace, startedAt, durationMs, results, notes, apiError, List.of());
    }

    /** The clusters whose API could not be reached or read, each with its one line. */
    public List<ClusterRun> clusterErrors() {
        return clusters.stream().filter(c -> c.error() != null).toList();
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

    /**
     * The nodes of a per-node run ({@code job run --per-node}), in order of appearance; empty for any other run.
     */
    public List<String> nodes() {
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        for (CheckResult r : results) {
            if (r.node() != null) {
                seen.add(r.node());
            }
        }
        return List.copyOf(seen);
    }

    /** A run whose API, if any, never failed. */
    public Report(String profile, String mode, String namespace, Instant startedAt, long durationMs,
                  List<CheckResult> results, List<String> notes) {
        this(profile, mode, namespace, startedAt, durationMs, results, notes, null);
    }

    /** This report, from a run whose API failed as {@code error} says. */
    public Report withApiError(String error) {
        return new Report(profile, mode, namespace, startedAt, durationMs, results, notes, error, clusters);
    }

    public Summary summary() {
        return Summary.of(results);
    }

    /**
     * 3 when the cluster's API failed during the run ({@link #apiError}), or a cluster of a fleet run could not be
     * reached ({@link #clusterErrors()}), whatever the results; else 0 when every required check is OK (or skipped),
     * else 1.
     */
    public int exitCode() {
        if (apiError != null || !clusterErrors().isEmpty()) {
            return 3;
        }
        return results.stream().anyMatch(CheckResult::failsRun) ? 1 : 0;
    }

    /**
     * Every result counted once. {@code failed} counts only results that fail the run, so {@code failed > 0} exactly
     * when the exit code is 1; {@code warnings} counts the failures of optional ports, which do not.
     */
    public record Summary(int total, int ok, int failed, int skipped, int warnings) {
        static Summary of(List<CheckResult> results) {
            int ok = 0;
            int failed = 0;
            int skipped = 0;
            int warnings = 0;
            for (CheckResult r : results) {
                if (r.status() == Status.OK) {
                    ok++;
                } else if (r.status() == Status.SKIPPED) {
                    skipped++;
                } else if (r.failsRun()) {
                    failed++;
                } else {
                    warnings++;
                }
            }
            return new Summary(results.size(), ok, failed, skipped, warnings);
        }
    }
}
