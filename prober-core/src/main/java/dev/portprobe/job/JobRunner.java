package dev.portprobe.job;

import dev.portprobe.InputException;
import dev.portprobe.report.JsonReportReader;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code portprobe job run}: creates the objects of {@link JobManifests}, waits for the Job, follows its pod's log,
 * takes the JSON report from that log, and deletes what it created (unless {@code keep}) on every path: a normal end,
 * an error, the timeout, and a {@link #close()} from another thread (a shutdown hook on Ctrl-C), which also unblocks
 * the run.
 *
 * <pre>{@code
 * try (JobRunner runner = new JobRunner(kubeAccess, options, stderr::println)) {
 *     runner.closeOnShutdown();
 *     JobOutcome outcome = runner.run(spec);
 *     ... render outcome.report(), exit with outcome.exitCode()
 * }
 * }</pre>
 */
public final class JobRunner implements AutoCloseable {
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The API timeout of a runner made from a bare client. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    private final KubeAccess access;
    private final KubernetesClient client;
    private final JobRunOptions options;
    private final Consumer<String> sink;
    private final CreatedObjects created;
    private final LogCollector log;
    private Thread shutdownHook;

    /**
     * @param access every API request goes through it, so that a failure reads as {@code probe}'s do (cluster, verb,
     *               resource); the caller closes it
     * @param sink   receives progress lines and the pod's log lines (not the report itself)
     */
    public JobRunner(KubeAccess access, JobRunOptions options, Consumer<String> sink) {
        this.access = access;
        this.client = access.client();
        this.options = options == null ? JobRunOptions.defaults() : options;
        this.sink = sink == null ? line -> { } : sink;
        this.created = new CreatedObjects(access, this.sink);
        this.log = new LogCollector(client, this.sink);
    }

    /** A runner on a client made elsewhere, with a 10 s API timeout; the caller closes the client. */
    public JobRunner(KubernetesClient client, JobRunOptions options, Consumer<String> sink) {
        this(KubeAccess.of(client, new KubeOptions(null, null, null, API_TIMEOUT)), options, sink);
    }

    /**
     * Runs {@code base} under a unique name ({@code NAME-xxxxx}) with {@code activeDeadlineSeconds} set to the timeout.
     *
     * @throws ClusterAccessException the API cannot be reached, or creating or reading the objects is denied
     * @throws InterruptedException   the thread was interrupted, or {@link #close()} cancelled the run
     */
    public JobOutcome run(JobSpec base) throws ClusterAccessException, InterruptedException {
        return run(base, Fanout.SINGLE);
    }

    /**
     * As {@link #run(JobSpec)}, with one Job per node or an Indexed Job of shards ({@link Fanout}); their reports are
     * merged into one. Creation, RBAC and cleanup are those of a plain run.
     */
    public JobOutcome run(JobSpec base, Fanout fanout) throws ClusterAccessException, InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        JobSpec spec = base.withName(base.name() + "-" + suffix())
                .withActiveDeadline(Duration.ofSeconds(Math.max(1, options.timeout().toSeconds())));
        String ns = spec.effectiveJobNamespace();
        try {
            for (HasMetadata o : JobManifests.render(spec, fanout)) {
                created.create(o);
            }
            created.podsLabelled(ns, spec.name());
            if (!fanout.single()) {
                sink.accept("created " + (fanout.perNode() ? fanout.nodes().size() + " Jobs " + ns + "/" + spec.name()
                        + "-n0.." + (fanout.nodes().size() - 1) + " (one per node)" : "Indexed Job " + ns + "/"
                        + spec.name() + " (" + fanout.shards() + " shards)") + "; waiting up to "
                        + format(options.timeout()));
                return new FanoutAwait(access, options, sink, created::closed).await(spec, fanout, deadline);
            }
            sink.accept("created Job " + ns + "/" + spec.name() + "; waiting up to " + format(options.timeout()));
            return await(spec, deadline);
        } catch (KubernetesClientException e) {
            throw access.failure(e, "get", "pods/log", ns); // the log stream: every other request goes through access.call
        } finally {
            finish();
        }
    }

    private JobOutcome await(JobSpec spec, long deadline) throws InterruptedException, ClusterAccessException {
        String ns = spec.effectiveJobNamespace();
        String job = ns + "/" + spec.name();
        JobWatch watch = new JobWatch(access, ns, spec.name(), options.pollInterval().toMillis(), created::closed);
        Optional<JobWatch.PodState> started = watch.awaitPod(deadline);
        cancelledCheck();
        if (started.isPresent() && started.get().stuck() != null) {
            return JobOutcome.noReport(null, "Job " + job + ": "
                    + started.get().stuck().describe(ns, started.get().name()));
        }
        if (started.isPresent() && started.get().hasLog()) {
            log.follow(ns, started.get().name(), deadline);
        }
        cancelledCheck();
        JobWatch.JobState state;
        Optional<JobWatch.PodState> pod;
        try {
            state = watch.awaitFinished(deadline);
            cancelledCheck(); // a close() deletes the Job, which would look like an end
            pod = watch.pod();
        } catch (ClusterAccessException e) {
            // The API went away after the log stream gave the report: keep the report, and say the API failed.
            Optional<Report> streamed = findReport(log.text(), job);
            if (streamed.isEmpty()) {
                throw e;
            }
            String lost = e.getMessage() + " (while waiting for Job " + job + " to end; its log "
                    + "had already given the report)";
            return JobOutcome.of(streamed.get().withApiError(streamed.get().apiError() != null
                    ? streamed.get().apiError() : lost), "Job " + job + " gave a report, then the API failed");
        }
        Optional<Report> report = findReport(log.text(), job);
        if (report.isEmpty() && pod.isPresent() && pod.get().hasLog()) {
            String name = pod.get().name();
            access.call("get", "pods/log", ns, () -> {
                log.fetch(ns, name);
                return name;
            });
            report = findReport(log.text(), job);
        }
        if (report.isPresent()) {
            return JobOutcome.of(report.get(), "Job " + job + " " + (state.succeeded() ? "succeeded" : "failed")
                    + " with a report");
        }
        Integer exit = pod.map(JobWatch.PodState::exitCode).orElse(null);
        String what = !state.finished() ? "did not finish within " + format(options.timeout())
                : "ended without a report" + (state.reason() == null ? "" : " (" + state.reason() + ")");
        String container = exit == null ? "" : "; container exited with " + exit
                + pod.map(p -> p.termination() == null ? "" : " (" + p.termination() + ")").orElse("");
        String tail = log.tail(3);
        return JobOutcome.noReport(exit, "Job " + job + " " + what + container
                + (tail.isEmpty() ? "" : "; last log lines: " + tail));
    }

    private Optional<Report> findReport(String text, String job) {
        try {
            return JsonReportReader.find(text, "log of Job " + job);
        } catch (InputException e) {
            sink.accept("the pod printed a report that cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void cancelledCheck() throws InterruptedException {
        if (created.closed()) {
            throw new InterruptedException("job run cancelled");
        }
    }

    private void finish() {
        if (options.keep()) {
            if (!created.isEmpty()) {
                sink.accept("kept in the cluster (--keep): " + created.list());
            }
            return;
        }
        created.deleteAll();
    }

    /**
     * Deletes what the run created (unless keep) and unblocks a running {@link #run}. Safe from any thread, any number of
     * times; a shutdown hook may call it while {@code run} is in progress.
     */
    @Override
    public void close() {
        log.stop();
        if (!options.keep()) {
            created.deleteAll();
        }
        Thread hook;
        synchronized (this) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook runs (or ran) close() itself
            }
        }
    }

    /** Registers a JVM shutdown hook that calls {@link #close()} (Ctrl-C cleans up); {@link #close()} removes it. */
    public synchronized void closeOnShutdown() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::close, "portprobe-job-cleanup");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private static String suffix() {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            b.append(SUFFIX_CHARS.charAt(RANDOM.nextInt(SUFFIX_CHARS.length())));
        }
        return b.toString();
    }

    private static String format(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
