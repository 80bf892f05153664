package dev.portprobe.resolve;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import java.util.LinkedHashMap;
import java.util.List;
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
    /**
     * Several namespaces ({@code -n a -n b}): one resolver per namespace, behind a {@link NamespacesResolver}; one
     * namespace (or none, to let the profile choose) is {@link #open(ModeSelector.Mode, KubeOptions, Profile, boolean,
     * String, Map)} with {@code -n} in the options.
     */
    public static Resolver open(ModeSelector.Mode mode, KubeOptions options, List<String> namespaces, Profile profile,
                                boolean perEndpoint, String clusterDomain, Map<String, String> env)
            throws InputException, ClusterAccessException {
        List<String> distinct = namespaces.stream().distinct().toList();
        if (distinct.size() < 2) {
            KubeOptions one = distinct.isEmpty() ? options
                    : new KubeOptions(options.kubeconfig(), options.context(), distinct.get(0), options.timeout());
            return open(mode, one, profile, perEndpoint, clusterDomain, env);
        }
        Map<String, Resolver> byNamespace = new LinkedHashMap<>();
        try {
            for (String ns : distinct) {
                KubeOptions inNs = new KubeOptions(options.kubeconfig(), options.context(), ns, options.timeout());
                byNamespace.put(ns, open(mode, inNs, profile, perEndpoint, clusterDomain, env));
            }
            return new NamespacesResolver(byNamespace);
        } catch (InputException | ClusterAccessException | RuntimeException e) {
            byNamespace.values().forEach(Resolver::close);
            throw e;
        }
    }

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
