package dev.portprobe.job;

import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Polls one Job and its pod until a state is reached or the deadline passes. Reads only; never blocks past the deadline. */
final class JobWatch {
    private final KubeAccess access;
    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final long pollMillis;
    private final BooleanSupplier cancelled;

    JobWatch(KubeAccess access, String namespace, String name, long pollMillis, BooleanSupplier cancelled) {
        this.access = access;
        this.client = access.client();
        this.namespace = namespace;
        this.name = name;
        this.pollMillis = pollMillis;
        this.cancelled = cancelled;
    }

    /** The Job's end: finished (succeeded or failed) with a reason, or still running. */
    record JobState(boolean finished, boolean succeeded, String reason) {
        static final JobState RUNNING = new JobState(false, false, null);
    }

    /** The pod as far as a log is concerned; {@code stuck} is why it cannot start by itself, or null. */
    record PodState(String name, String phase, PodStartFailure stuck, Integer exitCode, String termination) {
        boolean hasLog() {
            return stuck == null && !"Pending".equals(phase);
        }
    }

    /** Waits until the Job's pod has started (or cannot start), or the Job ended without one; empty at the deadline. */
    Optional<PodState> awaitPod(long deadlineNanos) throws InterruptedException, ClusterAccessException {
        while (true) {
            Optional<PodState> pod = pod();
            if (pod.isPresent() && (pod.get().hasLog() || pod.get().stuck() != null)) {
                return pod;
            }
            if (job().finished()) {
                return pod(); // the pod may have appeared just before the Job finished
            }
            if (!pause(deadlineNanos)) {
                return Optional.empty();
            }
        }
    }

    /** Waits until the Job has finished; returns its last state at the deadline. */
    JobState awaitFinished(long deadlineNanos) throws InterruptedException, ClusterAccessException {
        while (true) {
            JobState state = job();
            if (state.finished() || !pause(deadlineNanos)) {
                return state;
            }
        }
    }

    JobState job() throws ClusterAccessException {
        Job job = access.call("get", "jobs.batch", namespace,
                () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
        if (job == null) {
            return new JobState(true, false, "the Job was deleted");
        }
        JobStatus status = job.getStatus();
        if (status == null) {
            return JobState.RUNNING;
        }
        for (JobCondition c : status.getConditions()) {
            if ("True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))) {
                return new JobState(true, "Complete".equals(c.getType()), c.getReason());
            }
        }
        if (status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new JobState(true, true, null);
        }
        if (status.getFailed() != null && status.getFailed() > 0) {
            return new JobState(true, false, null);
        }
        return JobState.RUNNING;
    }

    Optional<PodState> pod() throws ClusterAccessException {
        List<Pod> pods = access.call("list", "pods", namespace,
                () -> client.pods().inNamespace(namespace).withLabel(JobManifests.INSTANCE_LABEL, name).list())
                .getItems();
        return pods.stream()
                .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
                .map(JobWatch::state);
    }

    static PodState state(Pod pod) {
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
                : pod.getStatus().getPhase();
        PodStartFailure stuck = PodStartFailure.of(pod).orElse(null);
        Integer exit = null;
        String termination = null;
        List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus cs : statuses) {
            if (!JobPodTemplate.CONTAINER.equals(cs.getName()) || cs.getState() == null) {
                continue;
            }
            ContainerStateTerminated terminated = cs.getState().getTerminated();
            if (terminated != null) {
                exit = terminated.getExitCode();
                termination = terminated.getReason();
            }
        }
        return new PodState(pod.getMetadata().getName(), phase, stuck, exit, termination);
    }

    /** Sleeps one poll interval, never past the deadline; false when the deadline has passed. */
    private boolean pause(long deadlineNanos) throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedException("job run cancelled");
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        Thread.sleep(Math.max(1, Math.min(pollMillis, left / 1_000_000)));
        return true;
    }
}
