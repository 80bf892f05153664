package dev.portprobe.serve;

import dev.portprobe.outcome.Status;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.OpenMetricsRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of every port (its labels: cluster, namespace, name, kind, port, expected; no pod or endpoint, which
 * change over days) in the last round, and how often each port's status changed from one status to another.
 * Bounded: at most one entry per port of the plan and per (from, to) pair of statuses. Not thread-safe: the
 * {@link Scoreboard} guards it.
 */
final class Transitions {
    /** One counter: a port went from {@code from} to {@code to} {@code count} times. */
    record Count(Map<String, String> port, Status from, Status to, long count) {
    }

    private record Pair(Map<String, String> port, Status from, Status to) {
    }

    private final String cluster;
    private final Map<Map<String, String>, Status> last = new LinkedHashMap<>();
    private final Map<Pair, Long> counts = new LinkedHashMap<>();

    /** @param cluster the {@code cluster} label of every port */
    Transitions(String cluster) {
        this.cluster = cluster;
    }

    /**
     * Records a round. A port probed at several endpoints (--per-endpoint) takes the status of its first failing
     * result, else of its first; a port seen for the first time has no transition yet.
     */
    void record(List<CheckResult> results) {
        Map<Map<String, String>, Status> round = new LinkedHashMap<>();
        for (CheckResult r : results) {
            round.merge(OpenMetricsRenderer.checkLabels(cluster, r), r.status(), (kept, next) -> kept.failed() ? kept : next.failed() ? next : kept);
        }
        for (Map.Entry<Map<String, String>, Status> e : round.entrySet()) {
            Status before = last.put(e.getKey(), e.getValue());
            if (before != null && before != e.getValue()) {
                counts.merge(new Pair(e.getKey(), before, e.getValue()), 1L, Long::sum);
            }
        }
    }

    List<Count> counts() {
        List<Count> out = new ArrayList<>(counts.size());
        counts.forEach((p, n) -> out.add(new Count(p.port(), p.from(), p.to(), n)));
        return out;
    }
}
