package dev.portprobe.job;

import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of {@code job run --per-node}: every node (matching {@code --node-selector}) that a probe pod can start on,
 * by name, and the others with the reason they are left out. The pods carry no tolerations, so a node is left out when
 * it is cordoned ({@code spec.unschedulable}), not Ready, or tainted {@code NoSchedule} or {@code NoExecute}; a
 * {@code PreferNoSchedule} taint does not keep a pinned pod away. Reading nodes takes {@code list nodes}, with the
 * caller's own credentials (the pods never read nodes: each is pinned when it is created).
 *
 * @param nodes   the nodes to run on, sorted by name
 * @param skipped "NAME: why" for every node left out, sorted by name
 */
public record NodeSelection(List<String> nodes, List<String> skipped) {

    public NodeSelection {
        nodes = List.copyOf(nodes);
        skipped = List.copyOf(skipped);
    }

    /** Lists the nodes matching {@code selector} (all when empty) and keeps those a pod can start on. */
    public static NodeSelection list(KubeAccess access, Map<String, String> selector) throws ClusterAccessException {
        List<Node> all = access.call("list", "nodes", null, () -> selector.isEmpty()
                ? access.client().nodes().list() : access.client().nodes().withLabels(selector).list()).getItems();
        return of(all);
    }

    static NodeSelection of(List<Node> all) {
        List<String> nodes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Node n : all.stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList()) {
            String name = n.getMetadata().getName();
            Optional<String> why = unusable(n);
            if (why.isPresent()) {
                skipped.add(name + ": " + why.get());
            } else {
                nodes.add(name);
            }
        }
        return new NodeSelection(nodes, skipped);
    }

    /** Why a pod without tolerations cannot start on {@code node}, if it cannot. */
    static Optional<String> unusable(Node node) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return Optional.of("cordoned (spec.unschedulable)");
        }
        if (node.getSpec() != null) {
            for (Taint t : node.getSpec().getTaints()) {
                if ("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())) {
                    return Optional.of("tainted " + t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":"
                            + t.getEffect());
                }
            }
        }
        if (node.getStatus() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                if ("Ready".equals(c.getType()) && !"True".equals(c.getStatus())) {
                    return Optional.of("not Ready" + (c.getReason() == null ? "" : " (" + c.getReason() + ")"));
                }
            }
        }
        return Optional.empty();
    }
}
