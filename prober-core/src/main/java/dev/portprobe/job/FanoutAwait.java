package dev.portprobe.job;

import dev.portprobe.InputException;
import dev.portprobe.report.JsonReportReader;
import dev.portprobe.report.Report;
import dev.portprobe.report.ReportMerge;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits for the pods of a per-node or sharded run ({@link Fanout}) and merges their reports. It polls: every pod is
 * looked at on each round, so a pod that cannot start is named at once, whichever it is; once every Job has ended (or
 * the deadline passed), each pod's whole log is read, its lines go to the sink prefixed with the node or shard, and
 * the reports are merged ({@link ReportMerge}). A pod without a report does not hide the others: the merged report
 * says which gave none (as its {@code apiError}, so the run exits 3); with no report at all, there is no report.
 */
final class FanoutAwait {
    /** One pod's worth of the run: a node's Job, or one index of the Indexed Job. */
    private record Unit(int index, String label, String job, String node) {
    }

    private final KubeAccess access;
    private final JobRunOptions options;
    private final Consumer<String> sink;
    private final BooleanSupplier cancelled;

    FanoutAwait(KubeAccess access, JobRunOptions options, Consumer<String> sink, BooleanSupplier cancelled) {
        this.access = access;
        this.options = options;
        this.sink = sink;
        this.cancelled = cancelled;
    }

    JobOutcome await(JobSpec spec, Fanout fanout, long deadline) throws InterruptedException, ClusterAccessException {
        String ns = spec.effectiveJobNamespace();
        List<Unit> units = units(spec, fanout);
        Map<String, JobWatch> watches = new LinkedHashMap<>();
        for (Unit u : units) {
            watches.computeIfAbsent(u.job(), j -> new JobWatch(access, ns, j, options.pollInterval().toMillis(),
                    cancelled));
        }
        Map<String, JobWatch.JobState> ended = new HashMap<>();
        Map<Integer, Pod> pods;
        while (true) {
            checkCancelled();
            pods = pods(spec, fanout, units);
            for (Unit u : units) {
                Pod pod = pods.get(u.index());
                Optional<PodStartFailure> stuck = pod == null ? Optional.empty() : PodStartFailure.of(pod);
                if (stuck.isPresent()) {
                    return JobOutcome.noReport(null, "Job " + ns + "/" + u.job() + " (" + u.label() + "): "
                            + stuck.get().describe(ns, pod.getMetadata().getName()));
                }
            }
            for (Map.Entry<String, JobWatch> w : watches.entrySet()) {
                if (!ended.containsKey(w.getKey())) {
                    JobWatch.JobState state = w.getValue().job();
                    if (state.finished()) {
                        ended.put(w.getKey(), state);
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (ended.size() == watches.size() || left <= 0) {
                break;
            }
            Thread.sleep(Math.max(1, Math.min(options.pollInterval().toMillis(), left / 1_000_000)));
        }
        checkCancelled();
        // the pods were listed before the Jobs were seen to end: a pod created in between would read as missing
        pods = pods(spec, fanout, units);
        return collect(spec, fanout, units, pods, ended.size() == watches.size());
    }

    private JobOutcome collect(JobSpec spec, Fanout fanout, List<Unit> units, Map<Integer, Pod> pods, boolean finished) {
        String ns = spec.effectiveJobNamespace();
        Map<Unit, Report> reports = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Integer firstExit = null;
        for (Unit u : units) {
            Pod pod = pods.get(u.index());
            if (pod == null) {
                missing.add(u.label() + ": no pod" + (finished ? "" : " within " + options.timeout().toSeconds() + " s"));
                continue;
            }
            JobWatch.PodState state = JobWatch.state(pod);
            String name = state.name();
            LogCollector log = new LogCollector(access.client(), line -> sink.accept(u.label() + " | " + line));
            if (state.hasLog()) {
                try {
                    access.call("get", "pods/log", ns, () -> {
                        log.fetch(ns, name);
                        return name;
                    });
                } catch (ClusterAccessException e) {
                    // one pod's log (a pod the kubelet rejected has none) must not lose the other pods' reports
                    missing.add(u.label() + ": " + e.getMessage());
                    continue;
                }
            }
            Optional<Report> report = find(log.text(), "log of pod " + ns + "/" + name);
            if (report.isPresent()) {
                reports.put(u, report.get());
                continue;
            }
            if (firstExit == null) {
                firstExit = state.exitCode();
            }
            String tail = log.tail(3);
            missing.add(u.label() + ": pod " + name + (finished ? " ended without a report" : " did not finish")
                    + (state.exitCode() == null ? "" : ", exit " + state.exitCode()
                    + (state.termination() == null ? "" : " (" + state.termination() + ")"))
                    + (tail.isEmpty() ? "" : "; last log lines: " + tail));
        }
        String what = fanout.perNode() ? units.size() + " nodes" : units.size() + " shards";
        if (reports.isEmpty()) {
            return JobOutcome.noReport(firstExit, "no report from any of the " + what + ": " + String.join("; ",
                    missing));
        }
        Report merged;
        if (fanout.perNode()) {
            Map<String, Report> byNode = new LinkedHashMap<>();
            reports.forEach((u, r) -> byNode.put(u.node(), r));
            merged = ReportMerge.perNode(byNode);
        } else {
            merged = ReportMerge.shards(List.copyOf(reports.values()));
        }
        if (!missing.isEmpty()) {
            String lost = "no report from " + missing.size() + " of the " + what + ": " + String.join("; ", missing);
            merged = merged.withApiError(merged.apiError() != null ? merged.apiError() + "; " + lost : lost);
        }
        return JobOutcome.of(merged, "the " + what + " of " + ns + "/" + spec.name() + " gave " + reports.size()
                + " report" + (reports.size() == 1 ? "" : "s"));
    }

    private static List<Unit> units(JobSpec spec, Fanout fanout) {
        List<Unit> units = new ArrayList<>();
        if (fanout.perNode()) {
            for (int i = 0; i < fanout.nodes().size(); i++) {
                String node = fanout.nodes().get(i);
                units.add(new Unit(i, "node " + node, Fanout.nodeJobName(spec.name(), i), node));
            }
        } else {
            for (int i = 0; i < fanout.shards(); i++) {
                units.add(new Unit(i, "shard " + i + "/" + fanout.shards(), spec.name(), null));
            }
        }
        return units;
    }

    /**
     * The pod of each unit: by its Job ({@code job-name}) for a node, by its completion index for a shard. A retried
     * shard has several pods: the one that succeeded, else the newest.
     */
    private Map<Integer, Pod> pods(JobSpec spec, Fanout fanout, List<Unit> units) throws ClusterAccessException {
        String ns = spec.effectiveJobNamespace();
        List<Pod> all = access.call("list", "pods", ns, () -> access.client().pods().inNamespace(ns)
                .withLabel(JobManifests.INSTANCE_LABEL, spec.name()).list()).getItems();
        Map<String, Integer> byJob = new HashMap<>();
        units.forEach(u -> byJob.put(u.job(), u.index()));
        Map<Integer, List<Pod>> grouped = new HashMap<>();
        for (Pod p : all) {
            Integer index = fanout.perNode() ? byJob.get(jobName(p)) : completionIndex(p);
            if (index != null) {
                grouped.computeIfAbsent(index, k -> new ArrayList<>()).add(p);
            }
        }
        Map<Integer, Pod> chosen = new HashMap<>();
        grouped.forEach((index, list) -> chosen.put(index, list.stream()
                .max(Comparator.<Pod, Boolean>comparing(p -> p.getStatus() != null
                                && "Succeeded".equals(p.getStatus().getPhase()))
                        .thenComparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
                .orElseThrow()));
        return chosen;
    }

    private static String jobName(Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels();
        if (labels == null) {
            return null;
        }
        return labels.getOrDefault("batch.kubernetes.io/job-name", labels.get("job-name"));
    }

    private static Integer completionIndex(Pod p) {
        Map<String, String> annotations = p.getMetadata().getAnnotations();
        Map<String, String> labels = p.getMetadata().getLabels();
        String value = annotations != null && annotations.containsKey(JobPodTemplate.INDEX_ANNOTATION)
                ? annotations.get(JobPodTemplate.INDEX_ANNOTATION)
                : labels == null ? null : labels.get(JobPodTemplate.INDEX_ANNOTATION);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Optional<Report> find(String text, String source) {
        try {
            return JsonReportReader.find(text, source);
        } catch (InputException e) {
            sink.accept("a pod printed a report that cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void checkCancelled() throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedException("job run cancelled");
        }
    }
}
