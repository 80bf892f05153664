package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.ClusterResolvers;
import dev.portprobe.resolve.DirectResolver;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.resolve.ModeSelector;
import dev.portprobe.resolve.ModeSelector.Mode;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.ServiceAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How to reach the install: --mode and the kubectl-like cluster options. */
final class ClusterFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--mode", paramLabel = "MODE", description = "auto, direct, port-forward or in-cluster (default: auto)")
    String mode = "auto";

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "kubeconfig context (default: the current context); repeat it to probe several clusters "
                    + "at once, in one report")
    List<String> contexts = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "namespace (repeat for several; default: the profile's)")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--per-endpoint", description = "probe every ready endpoint, not one per Service")
    boolean perEndpoint;

    @Option(names = "--cluster-domain", paramLabel = "DOMAIN", description = "in-cluster DNS domain (default: ${DEFAULT-VALUE})")
    String clusterDomain = "cluster.local";

    /** The one --context, or null for the current one; several are a fleet run ({@link FleetProbe}). */
    String context() {
        if (contexts.size() > 1) {
            throw new ParameterException(mixee.commandLine(), "--context: '" + mixee.qualifiedName()
                    + "' works on one cluster; give --context once (several clusters are for 'portprobe probe')");
        }
        return contexts.isEmpty() ? null : contexts.get(0);
    }

    KubeOptions kubeOptions(Duration timeout) {
        return new KubeOptions(kubeconfig, context(), namespaces.isEmpty() ? null : namespaces.get(0), timeout);
    }

    /**
     * A cluster resolver for one cluster of a fleet run: {@code context}, in {@code namespaces} (the profile's when
     * empty). A fleet reaches each cluster through its kube context, so only port-forward mode (or auto) will do.
     */
    Resolver openContext(Terminal terminal, Profile profile, String context, List<String> inNamespaces,
                         Duration timeout) throws InputException, ClusterAccessException {
        Mode requested = Mode.fromId(mode);
        if (requested != Mode.AUTO && requested != Mode.PORT_FORWARD) {
            throw new InputException(null, 0, "several clusters are reached through their kube contexts: "
                    + "use --mode port-forward (or auto), not --mode " + requested.id());
        }
        KubeOptions options = new KubeOptions(kubeconfig, context, null, timeout);
        return ClusterResolvers.open(Mode.PORT_FORWARD, options, inNamespaces, profile, perEndpoint, clusterDomain,
                terminal.env());
    }

    Resolver open(Terminal terminal, Profile profile, Map<String, String> targets, String host, Duration timeout)
            throws InputException, ClusterAccessException {
        boolean directAsked = !targets.isEmpty() || host != null;
        Mode requested = Mode.fromId(mode);
        if (requested != Mode.AUTO && requested != Mode.DIRECT && directAsked) {
            throw new InputException(null, 0, "--target, --targets and --host are for --mode direct");
        }
        Map<String, String> env = terminal.env();
        Mode chosen = ModeSelector.select(requested,
                new ModeSelector.Inputs(kubeconfig, env, ServiceAccount.fromEnvironment(env), directAsked));
        if (chosen == Mode.DIRECT) {
            if (!directAsked) {
                throw new InputException(null, 0, "--mode direct needs --target NAME=HOST, --targets FILE or --host HOST");
            }
            if (namespaces.stream().distinct().count() > 1) {
                throw new InputException(null, 0, "several namespaces (-n) need a cluster: --mode port-forward or "
                        + "in-cluster; direct mode dials the hosts it is given");
            }
            return new DirectResolver(targets, host, !namespaces.isEmpty() ? namespaces.get(0) : profile.namespace());
        }
        return ClusterResolvers.open(chosen, kubeOptions(timeout), namespaces, profile, perEndpoint, clusterDomain,
                env);
    }

    /** A cluster resolver for {@code profile} in {@code namespace} (as detect found it), whatever -n says. */
    Resolver openIn(Terminal terminal, Profile profile, String namespace, Duration timeout)
            throws InputException, ClusterAccessException {
        Map<String, String> env = terminal.env();
        Mode chosen = ModeSelector.select(Mode.fromId(mode),
                new ModeSelector.Inputs(kubeconfig, env, ServiceAccount.fromEnvironment(env), false));
        if (chosen == Mode.DIRECT) {
            throw new InputException(null, 0, "-p auto reads the cluster: use --mode port-forward or in-cluster");
        }
        return ClusterResolvers.open(chosen, kubeOptions(timeout), List.of(namespace), profile, perEndpoint,
                clusterDomain, env);
    }
}
