package dev.portprobe.detect;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cluster holds, as far as detection needs it: every Service and every Deployment (name, namespace and, for a
 * Deployment, the labels of its pod template, which a profile's workload selector matches).
 */
public record Inventory(List<Item> services, List<Item> deployments) {

    /** A Service or a Deployment. {@code labels}: a Deployment's pod template labels (a Service's own labels). */
    public record Item(String namespace, String name, Map<String, String> labels) {
        public Item {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    public Inventory {
        services = List.copyOf(services);
        deployments = List.copyOf(deployments);
    }

    /** Every namespace that holds a Service or a Deployment, sorted. */
    public Set<String> namespaces() {
        Set<String> out = new TreeSet<>();
        services.forEach(s -> out.add(s.namespace()));
        deployments.forEach(d -> out.add(d.namespace()));
        return out;
    }

    boolean hasService(String namespace, String name) {
        return services.stream().anyMatch(s -> s.namespace().equals(namespace) && s.name().equals(name));
    }

    /** The first Deployment of {@code namespace} named {@code name}, or whose pod labels hold all of {@code selector}. */
    java.util.Optional<Item> deployment(String namespace, String name, Map<String, String> selector) {
        return deployments.stream().filter(d -> d.namespace().equals(namespace))
                .filter(d -> selector.isEmpty() ? d.name().equals(name) : d.labels().entrySet().containsAll(selector.entrySet()))
                .findFirst();
    }
}
