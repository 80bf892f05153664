package dev.portprobe.job;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Optional;
import java.util.Set;

/**
 * Why the Job's pod cannot start by itself: its image cannot be pulled or named, its container cannot be configured, or
 * no node can take it. Each names the cause and the fix in one line, so {@code job run} stops at once instead of
 * waiting out its timeout.
 *
 * @param kind    which of the three
 * @param reason  the kubelet's or the scheduler's reason (ErrImagePull, Unschedulable...)
 * @param message their message, or null
 * @param image   the container's image
 */
record PodStartFailure(Kind kind, String reason, String message, String image) {
    enum Kind { IMAGE, CONFIG, UNSCHEDULABLE }

    private static final Set<String> IMAGE_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    private static final Set<String> CONFIG_REASONS = Set.of("CreateContainerConfigError", "CreateContainerError");

    /** The failure the pod shows now, if any. */
    static Optional<PodStartFailure> of(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        String image = pod.getSpec() == null ? null : pod.getSpec().getContainers().stream()
                .filter(c -> JobPodTemplate.CONTAINER.equals(c.getName())).map(c -> c.getImage()).findFirst().orElse(null);
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
            if (!JobPodTemplate.CONTAINER.equals(cs.getName()) || waiting == null) {
                continue;
            }
            String img = image != null ? image : cs.getImage();
            if (IMAGE_REASONS.contains(waiting.getReason())) {
                return Optional.of(new PodStartFailure(Kind.IMAGE, waiting.getReason(), waiting.getMessage(), img));
            }
            if (CONFIG_REASONS.contains(waiting.getReason())) {
                return Optional.of(new PodStartFailure(Kind.CONFIG, waiting.getReason(), waiting.getMessage(), img));
            }
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                    && "Unschedulable".equals(c.getReason())) {
                return Optional.of(new PodStartFailure(Kind.UNSCHEDULABLE, c.getReason(), c.getMessage(), image));
            }
        }
        return Optional.empty();
    }

    /** One line: the pod, the cause with the image or the scheduler's words, and the fix. */
    String describe(String namespace, String pod) {
        String said = message == null || message.isBlank() ? "" : ": " + message.strip().replaceAll("\\s+", " ");
        String describePod = "kubectl -n " + namespace + " describe pod " + pod;
        return switch (kind) {
            case IMAGE -> "pod " + pod + " cannot start: " + reason + " for image " + image + said
                    + "; fix: load the image into the cluster (mvn -B -Pdist package, then kind load image-archive"
                    + " prober-cli/target/jib-image.tar, or podman load -i it on the node) or push it to a registry"
                    + " (mvn -Pimage package -Djib.to.image=REGISTRY/portprobe:TAG), then pass --image or set"
                    + " PORTPROBE_IMAGE";
            case CONFIG -> "pod " + pod + " cannot start: " + reason + " (image " + image + ")" + said
                    + "; fix: see the pod's events (" + describePod + "); a custom profile's ConfigMap or the"
                    + " cluster's admission policy is the usual cause";
            case UNSCHEDULABLE -> "pod " + pod + " cannot be scheduled" + said
                    + "; fix: make room for its requests (cpu " + JobPodTemplate.CPU_REQUEST + ", memory "
                    + JobPodTemplate.MEMORY_REQUEST + ") or check node taints and selectors (" + describePod + ")";
        };
    }
}
