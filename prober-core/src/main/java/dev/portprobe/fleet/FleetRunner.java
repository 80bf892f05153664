package dev.portprobe.fleet;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Fleet;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.ClusterRun;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs several clusters at once and writes one report: each cluster's plan through its own resolver on its own
 * engine, on a thread of its own, and each cross-cluster check against the external address of the Service in the
 * cluster that owns it. Every result carries its cluster's kube context ({@link Check#cluster()}); a cluster that
 * cannot be reached gets its one line ({@link ClusterRun#error()}) and hides nothing of the others.
 *
 * <p>The caller opens the resolvers (so that bad input fails before anything runs) and closes them.
 */
public final class FleetRunner {
    /** Cross-cluster checks dial from where portprobe runs (unless {@link CrossJobs}); said in the report, once. */
    static final String VANTAGE_NOTE = "cross-cluster checks dialed each Service's external address from this machine, "
            + "standing in for the source cluster; --cross-from job dials them from a probe Job inside it";
    private static final long SHUTDOWN_SECONDS = 30;

    private final EngineOptions engineOptions;
    private final RunOptions runOptions;
    private final CrossJobs jobs;

    /**
     * One cluster of the run.
     *
     * @param resolver the cluster's resolver (port-forward or in-cluster), opened by the caller
     */
    public record Member(String name, String context, String profile, List<Check> plan, Resolver resolver) {
    }

    /**
     * The cross-cluster checks whose Services live in one cluster.
     *
     * @param target   the owning cluster, as the fleet names it
     * @param external reads the Services' external addresses in the owning cluster
     *                 ({@code resolve.ExternalServiceResolver}), opened by the caller
     * @param sources  the kube context of each fleet cluster, by name
     */
    public record Crossing(String target, List<Fleet.CrossCheck> checks, java.util.Map<String, String> sources,
                           Resolver external) {
    }

    public FleetRunner(EngineOptions engineOptions, RunOptions runOptions) {
        this(engineOptions, runOptions, null);
    }

    /** @param jobs run the cross-cluster checks from a probe Job in each source cluster; null: from this machine */
    public FleetRunner(EngineOptions engineOptions, RunOptions runOptions, CrossJobs jobs) {
        this.engineOptions = engineOptions;
        this.runOptions = runOptions;
        this.jobs = jobs;
    }

    public Report run(List<Member> members, List<Crossing> crossings) throws InterruptedException {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        int tasks = members.size() + crossings.size();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks), r -> {
            Thread t = new Thread(r, "portprobe-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Done>> clusterRuns = new ArrayList<>();
            for (Member m : members) {
                clusterRuns.add(pool.submit(() -> runMember(m)));
            }
            List<Future<CrossJobs.Outcome>> crossRuns = new ArrayList<>();
            for (Crossing c : crossings) {
                crossRuns.add(pool.submit(() -> runCrossing(c)));
            }
            List<Done> done = new ArrayList<>();
            for (Future<Done> f : clusterRuns) {
                done.add(get(f));
            }
            CrossJobs.Outcome cross = joined(crossRuns);
            Report report = merge(members, done, cross.results(), startedAt,
                    (System.nanoTime() - started) / 1_000_000, jobs != null);
            return cross.error() == null ? report : report.withApiError(cross.error());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The outcomes of {@code runs}, in order, as one: all their results, and their errors joined (null if none). */
    private static CrossJobs.Outcome joined(List<Future<CrossJobs.Outcome>> runs) throws InterruptedException {
        List<CheckResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Future<CrossJobs.Outcome> f : runs) {
            CrossJobs.Outcome o = get(f);
            results.addAll(o.results());
            if (o.error() != null) {
                errors.add(o.error());
            }
        }
        return new CrossJobs.Outcome(results, errors.isEmpty() ? null : String.join("; ", errors));
    }

    private static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** What one cluster's run gave: its report, or the one line of why its API could not be used. */
    private record Done(Report report, String error, long durationMs) {
    }

    private Done runMember(Member m) throws InterruptedException {
        long start = System.nanoTime();
        List<Check> plan = m.plan().stream().map(c -> c.inCluster(m.context())).toList();
        try (ProbeEngine engine = new ProbeEngine(engineOptions)) {
            Report report = new ProbeRunner(engine, m.resolver(), runOptions, null).run(m.profile(), plan);
            return new Done(report, report.apiError(), (System.nanoTime() - start) / 1_000_000);
        } catch (ClusterAccessException e) {
            return new Done(null, e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private CrossJobs.Outcome runCrossing(Crossing c) throws InterruptedException {
        List<Check> plan = new ArrayList<>();
        for (Fleet.CrossCheck x : c.checks()) {
            for (String from : x.from()) {
                plan.add(new Check(x.service(), CheckKind.SERVICE, null, x.spec().port(), x.spec().port(), x.spec(),
                        !x.spec().optional(), false, x.namespace(), c.sources().get(from)));
            }
        }
        List<CheckResult> out = new ArrayList<>();
        if (jobs != null) {
            return fromJobs(c, plan);
        }
        try (ProbeEngine engine = new ProbeEngine(engineOptions)) {
            Report report = new ProbeRunner(engine, c.external(), runOptions, null).run("cross-cluster", plan);
            for (CheckResult r : report.results()) {
                out.add(renamed(r, c.target()));
            }
        } catch (ClusterAccessException e) {
            for (Check check : plan) {
                out.add(renamed(CheckResult.unprobed(check, Status.UNRESOLVED, "cannot read Service " + check.name()
                        + " in cluster " + c.target() + ": " + e.getMessage(), "fix the access to cluster " + c.target()
                        + " first (its own line above)"), c.target()));
            }
        }
        return new CrossJobs.Outcome(out, null);
    }

    /**
     * One probe Job per source cluster, all at once (each on its own thread, with its own deadline and its own
     * cleanup), each dialing the addresses resolved in the target; the results in the sources' order.
     */
    private CrossJobs.Outcome fromJobs(Crossing c, List<Check> plan) throws InterruptedException {
        List<Resolution> resolved;
        try {
            resolved = c.external().resolveAll(plan);
        } catch (ClusterAccessException e) {
            List<CheckResult> out = new ArrayList<>();
            for (Check check : plan) {
                out.add(renamed(CheckResult.unprobed(check, Status.UNRESOLVED, "cannot read Service " + check.name()
                        + " in cluster " + c.target() + ": " + e.getMessage(), "fix the access to cluster " + c.target()
                        + " first (its own line above)"), c.target()));
            }
            return new CrossJobs.Outcome(out, null);
        }
        Map<String, List<Resolution>> bySource = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> source : c.sources().entrySet()) {
            List<Resolution> mine = resolved.stream()
                    .filter(r -> source.getValue().equals(r.check().cluster())).toList();
            if (!mine.isEmpty()) {
                bySource.put(source.getKey(), mine);
            }
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, bySource.size()), r -> {
            Thread t = new Thread(r, "portprobe-cross-job-" + c.target() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CrossJobs.Outcome>> runs = new ArrayList<>();
            bySource.forEach((source, mine) -> runs.add(pool.submit(() -> jobs.run(source, c.target(), mine))));
            return joined(runs);
        } finally {
            // interrupted (the run is stopping) or done: every Job's runner deletes its objects as it ends
            pool.shutdownNow();
            pool.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The result under the name "SERVICE@CLUSTER", so that the report names the target as well as the source. */
    static CheckResult renamed(CheckResult r, String target) {
        Check c = r.check();
        Check named = new Check(c.name() + "@" + target, c.kind(), c.workload(), c.port(), c.targetPort(), c.spec(),
                c.required(), c.optionalService(), c.namespace(), c.cluster());
        return new CheckResult(named, r.status(), r.observed(), r.endpoint(), r.pod(), r.latencyMs(), r.detail(),
                r.hint(), r.drift(), r.tls());
    }

    private static Report merge(List<Member> members, List<Done> done, List<CheckResult> cross, Instant startedAt,
                                long durationMs, boolean fromJobs) {
        List<CheckResult> results = new ArrayList<>();
        List<ClusterRun> clusters = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        String mode = null;
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            Done d = done.get(i);
            String namespace = null;
            if (d.report() != null) {
                results.addAll(d.report().results());
                for (CheckResult r : cross) {
                    if (m.context().equals(r.check().cluster())) {
                        results.add(r);
                    }
                }
                d.report().notes().forEach(note -> notes.add("cluster " + m.name() + ": " + note));
                mode = mode == null ? d.report().mode() : mode;
                namespace = d.report().namespace();
            } else {
                cross.stream().filter(r -> m.context().equals(r.check().cluster())).forEach(results::add);
            }
            clusters.add(new ClusterRun(m.name(), m.context(), m.profile(), namespace, d.durationMs(), d.error()));
        }
        if (!cross.isEmpty()) {
            notes.add(fromJobs ? CrossJobs.NOTE : VANTAGE_NOTE);
        }
        mode = mode == null && !members.isEmpty() ? members.get(0).resolver().mode() : mode;
        String profiles = members.stream().map(Member::profile).distinct().collect(Collectors.joining(","));
        return new Report(profiles, mode, null, startedAt, durationMs, results, List.copyOf(notes), null, clusters);
    }
}
