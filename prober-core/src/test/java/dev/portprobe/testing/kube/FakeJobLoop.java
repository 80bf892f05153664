package dev.portprobe.testing.kube;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The loop of a fake Job controller (fabric8's CRUD mock stores Jobs but runs nothing): a daemon thread lists the
 * cluster's Jobs in every namespace every 20 ms and hands each new one, once, to an action that acts out what the
 * cluster does with it. The first failure (of the action or of the API) ends the loop, and {@link #close()} throws it.
 * {@link #podOf} starts the pod that such a controller makes for a Job.
 */
public final class FakeJobLoop implements AutoCloseable {
    private final KubernetesClient client;
    private final Consumer<Job> act;
    private final String name;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    /** Starts the loop at once, on a thread called {@code name}, which also names it in the failure thrown by close(). */
    public FakeJobLoop(KubernetesClient client, String name, Consumer<Job> act) {
        this.client = client;
        this.name = name;
        this.act = act;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
                    if (handled.add(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName())) {
                        act.accept(job);
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    failure = e;
                }
                return;
            }
        }
    }

    /**
     * A pod of {@code job} called {@code podName}, as the Job controller makes it: in the Job's namespace, with the
     * Job's template (its labels, plus {@code job-name} and {@code batch.kubernetes.io/job-name}, and its spec).
     * The caller adds a status.
     */
    public static PodBuilder podOf(Job job, String podName) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        return new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(job.getMetadata().getNamespace()).withLabels(labels)
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec());
    }

    /** Stops the loop (waiting up to 5 s for it) and throws the failure that ended it, if one did. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("the " + name + " failed", failure);
        }
    }
}
