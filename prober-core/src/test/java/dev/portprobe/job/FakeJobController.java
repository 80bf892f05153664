package dev.portprobe.job;

import dev.portprobe.testing.kube.FakeJobLoop;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Acts out the Job controller and the kubelet against fabric8's CRUD mock server, which stores Jobs but never runs
 * them: for each new Job it scripts a pod (labels copied from the Job's template, a status), the pod's log (an
 * expectation on the log endpoint, mixed into the CRUD dispatcher) and the Job's status.
 */
final class FakeJobController implements AutoCloseable {
    /** What the "cluster" does with a Job. */
    sealed interface Script {
        /** The pod ran, printed {@code log} and exited with {@code exitCode}; the Job succeeded when it is 0. */
        record Completes(String log, int exitCode) implements Script {
        }

        /** The pod stays Pending with this waiting reason (ImagePullBackOff...) and the kubelet's message. */
        record Stuck(String reason, String message) implements Script {
            Stuck(String reason) {
                this(reason, "Back-off pulling image");
            }
        }

        /** The scheduler finds no node: the pod stays Pending with PodScheduled False, reason Unschedulable. */
        record Unschedulable(String message) implements Script {
        }

        /** The pod runs, prints {@code log} and never ends. */
        record RunsForever(String log) implements Script {
        }

        /** Nothing happens: no pod, no status (no node has room, say). */
        record Nothing() implements Script {
        }

        /** Each Job (one per node) acts out the script picked by its name. */
        record PerJob(java.util.function.Function<String, Script> pick) implements Script {
        }

        /**
         * An Indexed Job: one pod per completion index (the index in the annotation and the label the controller sets),
         * each printing {@code log.apply(index)} and exiting 0; the Job then completes.
         */
        record Indexed(java.util.function.IntFunction<String> log) implements Script {
        }
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final Script script;
    private final FakeJobLoop loop;

    FakeJobController(KubernetesMockServer server, KubernetesClient client, Script script) {
        this.server = server;
        this.client = client;
        this.script = script;
        this.loop = new FakeJobLoop(client, "fake Job controller", this::act);
    }

    private void act(Job job) {
        act(job, script instanceof Script.PerJob p ? p.pick().apply(job.getMetadata().getName()) : script);
    }

    private void act(Job job, Script script) {
        String ns = job.getMetadata().getNamespace();
        String podName = job.getMetadata().getName() + "-x7k2q";
        if (script instanceof Script.Indexed indexed) {
            int n = job.getSpec().getCompletions();
            for (int i = 0; i < n; i++) {
                String name = job.getMetadata().getName() + "-" + i + "-x7k2q";
                expectLog(ns, name, indexed.log().apply(i));
                createPod(job, name, "Succeeded", 0, null, null, null, i);
            }
            job.setStatus(new JobStatusBuilder().withSucceeded(n).withCompletedIndexes("0-" + (n - 1))
                    .addNewCondition().withType("Complete").withStatus("True").endCondition().build());
            client.batch().v1().jobs().inNamespace(ns).resource(job).updateStatus();
        } else if (script instanceof Script.Completes c) {
            expectLog(ns, podName, c.log());
            createPod(job, podName, c.exitCode() == 0 ? "Succeeded" : "Failed", c.exitCode(), null, null, null);
            job.setStatus(c.exitCode() == 0 ? new JobStatusBuilder().withSucceeded(1).build()
                    : new JobStatusBuilder().withFailed(1).build());
            client.batch().v1().jobs().inNamespace(ns).resource(job).updateStatus();
        } else if (script instanceof Script.Stuck s) {
            createPod(job, podName, "Pending", null, s.reason(), s.message(), null);
        } else if (script instanceof Script.Unschedulable u) {
            createPod(job, podName, "Pending", null, null, null, u.message());
        } else if (script instanceof Script.RunsForever r) {
            expectLog(ns, podName, r.log());
            createPod(job, podName, "Running", null, null, null, null);
        }
    }

    private void expectLog(String ns, String pod, String log) {
        String path = "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?pretty=false&container=portprobe";
        server.expect().get().withPath(path + "&follow=true").andReturn(200, log).always();
        server.expect().get().withPath(path).andReturn(200, log).always();
    }

    private void createPod(Job job, String name, String phase, Integer exitCode, String waitingReason,
            String waitingMessage, String unschedulable) {
        createPod(job, name, phase, exitCode, waitingReason, waitingMessage, unschedulable, null);
    }

    private void createPod(Job job, String name, String phase, Integer exitCode, String waitingReason,
            String waitingMessage, String unschedulable, Integer index) {
        Map<String, String> labels = new HashMap<>();
        Map<String, String> annotations = new HashMap<>();
        if (index != null) {
            labels.put("batch.kubernetes.io/job-completion-index", String.valueOf(index));
            annotations.put("batch.kubernetes.io/job-completion-index", String.valueOf(index));
        }
        ContainerStatusBuilder status = new ContainerStatusBuilder().withName("portprobe");
        if (exitCode != null) {
            status.withNewState().withNewTerminated().withExitCode(exitCode)
                    .withReason(exitCode == 0 ? "Completed" : "Error").endTerminated().endState();
        } else if (waitingReason != null) {
            status.withNewState().withNewWaiting().withReason(waitingReason)
                    .withMessage(waitingMessage).endWaiting().endState();
        } else if (unschedulable == null) {
            status.withNewState().withNewRunning().endRunning().endState();
        }
        Pod pod = FakeJobLoop.podOf(job, name)
                .editMetadata().addToLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewStatus().withPhase(phase)
                .withContainerStatuses(unschedulable == null ? List.of(status.build()) : List.of())
                .withConditions(unschedulable == null ? List.of() : List.of(new PodConditionBuilder()
                        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                        .withMessage(unschedulable).build()))
                .endStatus()
                .build();
        client.pods().inNamespace(job.getMetadata().getNamespace()).resource(pod).create();
    }

    @Override
    public void close() {
        loop.close();
    }
}
