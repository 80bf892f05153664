package dev.portprobe.job;

import dev.portprobe.InputException;
import dev.portprobe.report.JsonReportReader;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
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
 * try (JobRunner runner = new JobRunner(client, options, stderr::println)) {
 *     runner.closeOnShutdown();
 *     JobOutcome outcome = runner.run(spec);
 *     ... render outcome.report(), exit with outcome.exitCode()
 * }
 * }</pre>
 */
public final class JobRunner implements AutoCloseable {
    private static final String SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final JobRunOptions options;
    private final Consumer<String> sink;
    private final CreatedObjects created;
    private final LogCollector log;
    private Thread shutdownHook;

    /** @param sink receives progress lines and the pod's log lines (not the report itself) */
    public JobRunner(KubernetesClient client, JobRunOptions options, Consumer<String> sink) {
        this.client = client;
        this.options = options == null ? JobRunOptions.defaults() : options;
        this.sink = sink == null ? line -> { } : sink;
        this.created = new CreatedObjects(client, this.sink);
        this.log = new LogCollector(client, this.sink);
    }

    /**
     * Runs {@code base} under a unique name ({@code NAME-xxxxx}) with {@code activeDeadlineSeconds} set to the timeout.
     *
     * @throws ClusterAccessException the API cannot be reached, or creating or reading the objects is denied
     * @throws InterruptedException   the thread was interrupted, or {@link #close()} cancelled the run
     */
    public JobOutcome run(JobSpec base) throws ClusterAccessException, InterruptedException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        JobSpec spec = base.withName(base.name() + "-" + suffix())
                .withActiveDeadline(Duration.ofSeconds(Math.max(1, options.timeout().toSeconds())));
        String ns = spec.effectiveJobNamespace();
        try {
            for (HasMetadata o : JobManifests.render(spec)) {
                created.create(o);
            }
            created.podsLabelled(ns, spec.name());
            sink.accept("created Job " + ns + "/" + spec.name() + "; waiting up to " + format(options.timeout()));
            return await(spec, deadline);
        } catch (KubernetesClientException e) {
            throw clusterAccess(e);
        } finally {
            finish();
        }
    }

    private JobOutcome await(JobSpec spec, long deadline) throws InterruptedException, ClusterAccessException {
        String ns = spec.effectiveJobNamespace();
        String job = ns + "/" + spec.name();
        JobWatch watch = new JobWatch(client, ns, spec.name(), options.pollInterval().toMillis(), created::closed);
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
        JobWatch.JobState state = watch.awaitFinished(deadline);
        cancelledCheck(); // a close() deletes the Job, which would look like an end
        Optional<JobWatch.PodState> pod = watch.pod();
        Optional<Report> report = findReport(log.text(), job);
        if (report.isEmpty() && pod.isPresent() && pod.get().hasLog()) {
            log.fetch(ns, pod.get().name());
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

    private static ClusterAccessException clusterAccess(KubernetesClientException e) {
        int code = e.getCode();
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        if (code == 401 || code == 403) {
            return new ClusterAccessException("access denied by the Kubernetes API: " + status, e);
        }
        if (code == 0) {
            return new ClusterAccessException("cannot reach the Kubernetes API: " + status, e);
        }
        return new ClusterAccessException("the Kubernetes API answered " + code + ": " + status, e);
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
