package dev.portprobe.cli;

import dev.portprobe.testing.kube.FakeJobLoop;
import dev.portprobe.testing.kube.FakeKubeApi;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Acts out the Job controller and the kubelet of one fake cluster (fabric8's CRUD mock stores Jobs but runs nothing).
 * In {@link Mode#RUNS} each new Job's container really runs: its arguments go to portprobe's own CLI, in process, with
 * the profile its ConfigMap mounts at /etc/portprobe written to a file; what it prints becomes the pod's log, its exit
 * code the container's. In {@link Mode#IMAGE_PULL_BACK_OFF} the pod stays Pending, waiting on its image.
 */
final class JobKubelet implements AutoCloseable {
    enum Mode { RUNS, IMAGE_PULL_BACK_OFF }

    private static final String MOUNTED_PROFILE = "/etc/portprobe/profile.yaml";

    private final FakeKubeApi api;
    private final KubernetesClient client;
    private final Mode mode;
    private final Path dir;
    /** Every Job seen, as created (before any status). */
    final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final FakeJobLoop loop;
    /** Counted down by every kubelet sharing it as it sees a Job, which then runs only once all have one (or never). */
    private final java.util.concurrent.CountDownLatch together;
    /** Whether, at the time this kubelet's Job ran, every kubelet sharing the latch had seen its own Job too. */
    volatile boolean ranTogether;

    JobKubelet(FakeKubeApi api, Mode mode, Path dir) {
        this(api, mode, dir, null);
    }

    /**
     * A kubelet whose Jobs run only when every kubelet sharing {@code together} has seen a Job of its own (within a
     * minute; then it runs anyway, and {@link #ranTogether} says it did not wait for the others).
     */
    JobKubelet(FakeKubeApi api, Mode mode, Path dir, java.util.concurrent.CountDownLatch together) {
        this.together = together;
        this.api = api;
        this.client = api.adminClient();
        this.mode = mode;
        this.dir = dir;
        this.loop = new FakeJobLoop(client, "fake kubelet", job -> {
            jobs.add(job);
            act(job);
        });
    }

    private void act(Job job) {
        if (together != null) {
            together.countDown();
            try {
                ranTogether = together.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed: the loop's next sleep ends it
                return;
            }
        }
        String ns = job.getMetadata().getNamespace();
        String pod = job.getMetadata().getName() + "-x7k2q";
        if (mode == Mode.IMAGE_PULL_BACK_OFF) {
            createPod(job, pod, "Pending", new ContainerStatusBuilder().withName("portprobe").withNewState()
                    .withNewWaiting().withReason("ImagePullBackOff").withMessage("Back-off pulling image \""
                            + job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage() + "\"")
                    .endWaiting().endState());
            return;
        }
        CliRun run = CliRun.of(args(job).toArray(String[]::new));
        api.podLog(ns, pod, run.out() + run.err());
        createPod(job, pod, run.exitCode() == 0 ? "Succeeded" : "Failed", new ContainerStatusBuilder()
                .withName("portprobe").withNewState().withNewTerminated().withExitCode(run.exitCode())
                .withReason(run.exitCode() == 0 ? "Completed" : "Error").endTerminated().endState());
        job.setStatus(run.exitCode() == 0 ? new JobStatusBuilder().withSucceeded(1).build()
                : new JobStatusBuilder().withFailed(1).build());
        client.batch().v1().jobs().inNamespace(ns).resource(job).updateStatus();
    }

    /** The container's arguments, with the mounted profile replaced by a file holding the ConfigMap's data. */
    private List<String> args(Job job) {
        List<String> args = new ArrayList<>(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        int at = args.indexOf(MOUNTED_PROFILE);
        if (at >= 0) {
            String volume = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
            ConfigMap cm = client.configMaps().inNamespace(job.getMetadata().getNamespace()).withName(volume).get();
            try {
                Path file = Files.writeString(dir.resolve(job.getMetadata().getName() + "-profile.yaml"),
                        cm.getData().get("profile.yaml"));
                args.set(at, file.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return args;
    }

    private void createPod(Job job, String name, String phase, ContainerStatusBuilder status) {
        Pod pod = FakeJobLoop.podOf(job, name)
                .withNewStatus().withPhase(phase).withContainerStatuses(status.build()).endStatus()
                .build();
        client.pods().inNamespace(job.getMetadata().getNamespace()).resource(pod).create();
    }

    @Override
    public void close() {
        try {
            loop.close();
        } finally {
            client.close();
        }
    }
}
