package dev.portprobe.resolve;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import java.util.Map;

/** Opens the resolver of a cluster mode, as the CLI's {@code probe} needs it. */
public final class ClusterResolvers {
    private ClusterResolvers() {
    }

    /**
     * @param mode          PORT_FORWARD or IN_CLUSTER (pick AUTO's answer with {@link ModeSelector} first)
     * @param clusterDomain for in-cluster mode; null means cluster.local
     * @param env           the process environment (in-cluster reads KUBERNETES_SERVICE_HOST/PORT from it)
     */
    public static Resolver open(ModeSelector.Mode mode, KubeOptions options, Profile profile, boolean perEndpoint,
                                String clusterDomain, Map<String, String> env)
            throws InputException, ClusterAccessException {
        String profileNamespace = profile == null ? null : profile.namespace();
        switch (mode) {
            case PORT_FORWARD -> {
                KubeAccess access = KubeAccess.connect(options);
                return new PortForwardResolver(access, access.namespaceFor(profileNamespace), profile, perEndpoint);
            }
            case IN_CLUSTER -> {
                ServiceAccount account = ServiceAccount.fromEnvironment(env);
                KubeAccess access = account.present() ? KubeAccess.inCluster(account, options) : null;
                String namespace = access != null ? access.namespaceFor(profileNamespace)
                        : options.namespaceFlag() != null ? options.namespaceFlag()
                        : profileNamespace != null ? profileNamespace : "default";
                return new InClusterResolver(access, namespace, profile, clusterDomain, perEndpoint,
                        NameResolver.SYSTEM, options.timeout());
            }
            default -> throw new IllegalArgumentException("not a cluster mode: " + mode.id());
        }
    }
}
