package dev.portprobe.resolve;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;

/** Facts about pods that resolution needs. */
final class Pods {
    private Pods() {
    }

    /** Running, Ready, not being deleted, and with an IP. */
    static boolean ready(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
            return false;
        }
        if (!"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getPodIP() == null) {
            return false;
        }
        List<PodCondition> conditions = pod.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static String ip(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    }

    /** The number of the container port named {@code name} in any container of the pod. */
    static Optional<Integer> namedPort(Pod pod, String name) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return Optional.empty();
        }
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (name.equals(p.getName()) && p.getContainerPort() != null) {
                    return Optional.of(p.getContainerPort());
                }
            }
        }
        return Optional.empty();
    }

    /** "Pending", "Running, not ready", for messages. */
    static String state(Pod pod) {
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "Terminating";
        }
        return "Running".equals(phase) && !ready(pod) ? "Running, not ready" : phase;
    }
}
