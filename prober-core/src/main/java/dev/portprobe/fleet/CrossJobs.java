package dev.portprobe.fleet;

import dev.portprobe.job.JobOutcome;
import dev.portprobe.job.JobRunOptions;
import dev.portprobe.job.JobRunner;
import dev.portprobe.job.JobSpec;
import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileWriter;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cross-cluster checks dialed from inside their source cluster: for one source cluster, a probe Job in direct mode
 * ({@link JobSpec#withDirect}) whose profile holds one entry per external address (named {@code x0}, {@code x1}...,
 * each at the address's port and with the check's protocol options), run by {@link JobRunner} as {@code job run} runs
 * one: no RBAC and no token for the pod, pod security, cleanup on every path (Ctrl-C included), a pod that cannot start
 * named at once. The pod's report is read from its log and each result is put back on its check.
 *
 * @param image      the probe image the source clusters run
 * @param options    how long to wait for each Job, poll interval, keep
 * @param timeout    the probe's own {@code --timeout} in the pod
 * @param sources    the API of each source cluster, by fleet name (the caller opens and closes them)
 * @param namespaces where each source cluster's Job runs, by fleet name
 * @param sink       progress lines (already prefixed with the cluster's name), never the report
 */
public record CrossJobs(String image, JobRunOptions options, Duration timeout, Map<String, KubeAccess> sources,
                        Map<String, String> namespaces, Consumer<String> sink) {
    static final String JOB_NAME = "portprobe-cross";
    static final String NOTE = "cross-cluster checks ran from a probe Job in each source cluster (direct mode, no "
            + "RBAC), dialing each Service's external address";

    public CrossJobs {
        sources = Map.copyOf(sources);
        namespaces = Map.copyOf(namespaces);
        sink = sink == null ? line -> { } : sink;
    }

    /** The results of one source cluster's checks, named SERVICE@TARGET, and the one line of a Job that gave none. */
    record Outcome(List<CheckResult> results, String error) {
    }

    /**
     * Runs the Job of {@code source} for {@code resolved} (the checks of one target cluster, resolved to their external
     * addresses there); a check without an address keeps its finding and needs no Job.
     */
    Outcome run(String source, String target, List<Resolution> resolved) throws InterruptedException {
        List<CheckResult> out = new ArrayList<>();
        List<ServiceSpec> services = new ArrayList<>();
        Map<String, String> hosts = new LinkedHashMap<>();
        Map<String, Check> checks = new LinkedHashMap<>();
        for (Resolution r : resolved) {
            if (r instanceof Resolution.Finding f) {
                out.add(FleetRunner.renamed(CheckResult.unprobed(f.check(), f.status(), f.detail(), f.hint()), target));
                continue;
            }
            for (Target t : ((Resolution.Targets) r).targets()) {
                String name = "x" + hosts.size();
                PortSpec p = r.check().spec();
                services.add(new ServiceSpec(name, null, false, List.of(new PortSpec(t.port(), null, null, p.protocol(),
                        p.usage(), p.http(), p.grpc(), p.tls(), null, p.optional(), 0, p.dns())), 0));
                hosts.put(name, t.host());
                checks.put(name, r.check());
            }
        }
        if (hosts.isEmpty()) {
            return new Outcome(out, null);
        }
        String ns = namespaces.getOrDefault(source, "default");
        Profile profile = new Profile("cross-cluster", null, null, ns, List.of(), services, "fleet");
        JobSpec spec = new JobSpec(JOB_NAME, profile.name(), ProfileWriter.toYaml(profile), List.of(ns), null, image,
                false, List.of("--timeout", timeout.toMillis() + "ms"), null, null).withDirect(hosts);
        String why;
        try (JobRunner runner = new JobRunner(sources.get(source), options, line -> sink.accept("cluster " + source
                + ": " + line))) {
            runner.closeOnShutdown();
            JobOutcome outcome = runner.run(spec);
            if (outcome.report() != null) {
                return new Outcome(merge(out, outcome.report(), checks, target, source),
                        outcome.report().apiError());
            }
            why = outcome.message();
        } catch (ClusterAccessException e) {
            why = e.getMessage();
        }
        String line = "the cross-cluster probe Job in cluster " + source + " gave no report: " + why;
        for (Check c : checks.values().stream().distinct().toList()) {
            out.add(FleetRunner.renamed(CheckResult.unprobed(c, Status.ERROR, line, "fix the Job in cluster " + source
                    + " (its line above), or run the cross-cluster checks from this machine (--cross-from local)"),
                    target));
        }
        return new Outcome(out, line);
    }

    /** Each of the pod's results on its own check, with the address the pod dialed. */
    private static List<CheckResult> merge(List<CheckResult> out, Report report, Map<String, Check> checks,
                                           String target, String source) {
        Map<String, CheckResult> byName = new LinkedHashMap<>();
        report.results().forEach(r -> byName.put(r.check().name(), r));
        for (Map.Entry<String, Check> e : checks.entrySet()) {
            CheckResult r = byName.get(e.getKey());
            CheckResult placed = r == null
                    ? CheckResult.unprobed(e.getValue(), Status.ERROR, "the probe Job in cluster " + source
                    + " has no result for this address", "read the Job's log above")
                    : new CheckResult(e.getValue(), r.status(), r.observed(), r.endpoint(), r.pod(), r.latencyMs(),
                    r.detail(), r.hint(), r.drift(), r.tls());
            out.add(FleetRunner.renamed(placed, target));
        }
        return out;
    }
}
