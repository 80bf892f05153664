package dev.portprobe.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment, StatefulSet or DaemonSet of the manifests: its pod labels (what a Service selects), its selector,
 * and its container ports with their lines.
 */
record Workload(String kind, String name, Map<String, String> matchLabels, Map<String, String> podLabels,
        List<Container> containers, List<Port> ports, ManifestReader.Located at) {

    /** A container port, with the container it belongs to and the line of its entry. */
    record Port(Container container, ContainerPort port, int line) {
    }

    /** The workload an object is, or empty for any other kind. */
    static Optional<Workload> of(ManifestReader.Located at) {
        HasMetadata o = at.object();
        if (o instanceof Deployment d && d.getSpec() != null) {
            return Optional.of(from("Deployment", o, d.getSpec().getSelector(), d.getSpec().getTemplate(), at));
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return Optional.of(from("StatefulSet", o, s.getSpec().getSelector(), s.getSpec().getTemplate(), at));
        }
        if (o instanceof DaemonSet d && d.getSpec() != null) {
            return Optional.of(from("DaemonSet", o, d.getSpec().getSelector(), d.getSpec().getTemplate(), at));
        }
        return Optional.empty();
    }

    private static Workload from(String kind, HasMetadata o, LabelSelector selector, PodTemplateSpec template,
            ManifestReader.Located at) {
        Map<String, String> match = selector == null || selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels();
        Map<String, String> labels = template == null || template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
        List<Port> ports = new ArrayList<>();
        List<Container> containers = template == null || template.getSpec() == null
                || template.getSpec().getContainers() == null ? List.of() : template.getSpec().getContainers();
        for (int c = 0; c < containers.size(); c++) {
            List<ContainerPort> declared = containers.get(c).getPorts() == null ? List.of() : containers.get(c).getPorts();
            for (int p = 0; p < declared.size(); p++) {
                int line = at.line("/spec/template/spec/containers/" + c + "/ports/" + p);
                ports.add(new Port(containers.get(c), declared.get(p), line));
            }
        }
        return new Workload(kind, o.getMetadata().getName(), Map.copyOf(match), Map.copyOf(labels),
                List.copyOf(containers), List.copyOf(ports), at);
    }

    /** True when every label of a Service's selector is on this workload's pods. */
    boolean selectedBy(Map<String, String> selector) {
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    /** The container port a Service's targetPort names (by name or number). */
    Optional<Port> port(String name) {
        return ports.stream().filter(p -> name.equals(p.port().getName())).findFirst();
    }

    Optional<Port> port(int number) {
        return ports.stream().filter(p -> p.port().getContainerPort() != null && p.port().getContainerPort() == number)
                .findFirst();
    }
}
