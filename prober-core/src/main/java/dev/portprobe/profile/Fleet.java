package dev.portprobe.profile;

import java.util.List;

/**
 * A fleet file, loaded: the clusters a Gloo Mesh operator thinks of (a management cluster, workload clusters), each
 * with the kube context to reach it, the profile to run there and its namespace, plus the cross-cluster checks (a
 * workload cluster must reach a Service of another cluster, such as the management plane's relay).
 *
 * @param source the fleet file, for messages
 */
public record Fleet(String source, List<Cluster> clusters, List<CrossCheck> crossChecks) {
    public Fleet {
        clusters = List.copyOf(clusters);
        crossChecks = List.copyOf(crossChecks);
    }

    /**
     * @param namespace the namespace to probe, or null for the profile's
     * @param line      where the cluster is defined in the fleet file
     */
    public record Cluster(String name, String context, Profile profile, String namespace, int line) {
    }

    /**
     * The Service {@code service} of cluster {@code to}, port {@code spec.port()}, must answer with
     * {@code spec.protocol()} at its external address when dialed from each cluster of {@code from}.
     *
     * @param from      the source clusters' names
     * @param namespace the Service's namespace in {@code to}
     * @param spec      the port as the target cluster's profile lists it (or as the fleet file gives it)
     */
    public record CrossCheck(List<String> from, String to, String service, String namespace, PortSpec spec,
                             int line) {
        public CrossCheck {
            from = List.copyOf(from);
        }
    }
}
