package dev.portprobe.resolve;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The external address of a Service in the cluster that owns it, as another cluster would dial it: each
 * {@code status.loadBalancer.ingress} entry (ip, else hostname) at the Service port; else, for a NodePort (or a
 * LoadBalancer still waiting for its address), each node's address (ExternalIP, else InternalIP) at the node port.
 * A check names the Service ({@link Check#name()}) and its namespace; its {@link Check#port()} is the Service port.
 * Reads Services and, for a NodePort, nodes ({@code list nodes}); never anything else.
 */
public final class ExternalServiceResolver implements Resolver {
    private final KubeAccess access;
    private final String namespace;
    private List<Node> nodes;

    /** @param namespace where the checks' Services are, unless a check names its own */
    public ExternalServiceResolver(KubeAccess access, String namespace) {
        this.access = access;
        this.namespace = namespace;
    }

    @Override
    public String mode() {
        return "direct";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
        List<Resolution> out = new ArrayList<>(checks.size());
        for (Check check : checks) {
            out.add(resolve(check));
        }
        return out;
    }

    private Resolution resolve(Check check) throws ClusterAccessException {
        String ns = check.namespace() != null ? check.namespace() : namespace;
        Service service = access.api().call("get", "services", ns,
                () -> access.client().services().inNamespace(ns).withName(check.name()).get());
        String where = "Service " + check.name() + " in " + ns + " of " + access.cluster();
        if (service == null) {
            return new Resolution.Finding(check, Status.UNRESOLVED, where + " does not exist",
                    "kubectl get service " + check.name() + " -n " + ns + " in the owning cluster");
        }
        Optional<ServicePort> port = service.getSpec().getPorts() == null ? Optional.empty()
                : service.getSpec().getPorts().stream().filter(p -> p.getPort() != null && p.getPort() == check.port())
                .findFirst();
        if (port.isEmpty()) {
            return new Resolution.Finding(check, Status.UNRESOLVED, where + " has no port " + check.port(),
                    "kubectl get service " + check.name() + " -n " + ns + " -o yaml: which ports does it expose?");
        }
        List<Target> targets = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress in : service.getStatus().getLoadBalancer().getIngress()) {
                String host = in.getIp() != null && !in.getIp().isBlank() ? in.getIp() : in.getHostname();
                if (host != null && !host.isBlank()) {
                    targets.add(Target.direct(host, check.port()));
                }
            }
        }
        Integer nodePort = port.get().getNodePort();
        if (targets.isEmpty() && nodePort != null && nodePort > 0) {
            for (Node node : nodes()) {
                nodeAddress(node).ifPresent(a -> targets.add(Target.direct(a, nodePort)));
            }
        }
        if (targets.isEmpty()) {
            String type = service.getSpec().getType();
            return new Resolution.Finding(check, Status.UNRESOLVED, where + " has no external address (type " + type
                    + (nodePort == null ? "" : ", node port " + nodePort + " but no node address") + ")",
                    "expose it as a LoadBalancer with an address (kubectl get service " + check.name() + " -n " + ns
                            + " shows EXTERNAL-IP) or a NodePort");
        }
        return new Resolution.Targets(check, targets);
    }

    private List<Node> nodes() throws ClusterAccessException {
        if (nodes == null) {
            nodes = access.api().call("list", "nodes", null, () -> access.client().nodes().list().getItems());
        }
        return nodes;
    }

    private static Optional<String> nodeAddress(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        List<NodeAddress> all = node.getStatus().getAddresses();
        for (String type : List.of("ExternalIP", "InternalIP")) {
            for (NodeAddress a : all) {
                if (type.equals(a.getType()) && a.getAddress() != null && !a.getAddress().isBlank()) {
                    return Optional.of(a.getAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        access.close();
    }
}
