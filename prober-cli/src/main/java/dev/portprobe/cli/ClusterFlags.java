package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.DirectResolver;
import dev.portprobe.resolve.Resolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to reach the install: --mode and the kubectl-like cluster options. */
final class ClusterFlags {
    enum Mode { auto, direct, port_forward, in_cluster }

    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
            description = "auto, direct, port-forward or in-cluster (default: auto)")
    Mode mode = Mode.auto;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: the current context)")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "namespace (default: the profile's)")
    String namespace;

    @Option(names = "--per-endpoint", description = "probe every ready endpoint, not one per Service")
    boolean perEndpoint;

    @Option(names = "--cluster-domain", paramLabel = "DOMAIN", description = "in-cluster DNS domain (default: ${DEFAULT-VALUE})")
    String clusterDomain = "cluster.local";

    Resolver open(Terminal terminal, Profile profile, Map<String, String> targets, String host, Duration timeout)
            throws InputException, ClusterAccessException {
        boolean directAsked = !targets.isEmpty() || host != null;
        Mode chosen = mode;
        if (chosen == Mode.auto && directAsked) {
            chosen = Mode.direct;
        }
        if (chosen != Mode.direct && directAsked) {
            throw new InputException(null, 0, "--target and --host are for --mode direct");
        }
        String ns = namespace != null ? namespace : profile.namespace();
        if (chosen == Mode.direct) {
            if (!directAsked) {
                throw new InputException(null, 0, "--mode direct needs --target NAME=HOST or --host HOST");
            }
            return new DirectResolver(targets, host, ns);
        }
        return KubeResolvers.open(this, terminal, profile, timeout);
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.strip().replace('-', '_').toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "invalid mode '" + value + "': use auto, direct, port-forward or in-cluster");
            }
        }
    }
}
