package dev.portprobe.manifest;

import dev.portprobe.probe.ProtocolSupports;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.Texts;
import dev.portprobe.reftable.ProtocolRules;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The protocol of one port of the manifests, from the strongest evidence to the weakest:
 * <ol>
 * <li>the Service port's {@code appProtocol};</li>
 * <li>a port name by the Istio/Kubernetes convention ({@code grpc-xds}, {@code http-monitoring}, {@code redis}...),
 * the Service port's name first, then the container port's;</li>
 * <li>the kubelet probe (readiness, liveness, startup) that checks the port: {@code httpGet} is HTTP or HTTPS by
 * its scheme, {@code grpc} is gRPC;</li>
 * <li>the reference-table rules on the component name, the port names and the port number
 * ({@link ProtocolRules}): a guess, which the importer warns about.</li>
 * </ol>
 * An {@code httpGet} or {@code grpc} kubelet probe on the port also gives the HTTP path or the gRPC health service.
 */
final class PortInference {

    /** The facts about one port. */
    record Facts(String component, int port, String l4, String appProtocol, List<String> names, List<Container> containers) {
        Facts {
            names = names.stream().filter(Objects::nonNull).filter(n -> !n.isBlank()).distinct().toList();
            l4 = l4 == null ? "TCP" : l4.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * What was decided: a protocol with its options, or {@code protocol == null} when the port cannot be probed
     * ({@code why} then says why).
     */
    record Decision(Protocol protocol, String httpPath, String grpcService, Reach reach, String why, boolean guess) {
    }

    /** A kubelet probe that checks a port. */
    private record KubeletCheck(String kind, Protocol protocol, String path, String service) {
    }

    private PortInference() {
    }

    static Decision decide(Facts f) {
        Optional<KubeletCheck> kubelet = kubelet(f);
        Optional<Decision> said = fromAppProtocol(f).or(() -> fromNames(f));
        if (!"TCP".equals(f.l4())) {
            return udp(f, said);
        }
        // "tcp" (tcp-redis) names only the transport: a more specific name or a kubelet probe says more.
        Optional<Decision> specific = said.filter(d -> d.protocol() != Protocol.TCP)
                .or(() -> fromNames(f).filter(d -> d.protocol() != Protocol.TCP));
        if (specific.isPresent()) {
            return withOptions(specific.get(), kubelet);
        }
        if (kubelet.isPresent()) {
            KubeletCheck k = kubelet.get();
            return new Decision(k.protocol(), k.path(), k.service(), Reach.NETWORK, "the kubelet's " + k.kind()
                    + " checks it", false);
        }
        if (said.isPresent()) {
            return said.get();
        }
        ProtocolRules.Inference rule = ProtocolRules.infer(f.component(), f.port(), String.join(" ", f.names()));
        String unknownApp = f.appProtocol() == null ? "" : "appProtocol " + Texts.quote(f.appProtocol())
                + " means nothing to portprobe; ";
        return new Decision(rule.protocol(), rule.httpPath(), rule.grpcService(), rule.reach(),
                unknownApp + "rule " + rule.rule() + ": " + rule.reason(), true);
    }

    private static Optional<Decision> fromAppProtocol(Facts f) {
        if (f.appProtocol() == null) {
            return Optional.empty();
        }
        return ProtocolSupports.forAppProtocol(f.appProtocol()).map(p -> new Decision(p, null, null, Reach.NETWORK,
                "appProtocol " + Texts.quote(f.appProtocol()), false));
    }

    /** The first name that promises more than TCP, else the first that promises TCP. */
    private static Optional<Decision> fromNames(Facts f) {
        Optional<Decision> tcp = Optional.empty();
        for (String name : f.names()) {
            Optional<Protocol> p = ProtocolSupports.forPortName(name);
            if (p.isPresent()) {
                Decision d = new Decision(p.get(), null, null, Reach.NETWORK, "port name " + Texts.quote(name), false);
                if (p.get() != Protocol.TCP) {
                    return Optional.of(d);
                }
                tcp = tcp.or(() -> Optional.of(d));
            }
        }
        return tcp;
    }

    /** UDP: DNS is probed over UDP; anything else, and SCTP, cannot be. */
    private static Decision udp(Facts f, Optional<Decision> said) {
        boolean dns = said.map(d -> d.protocol().isDns()).orElse(false) || f.port() == 53;
        if ("UDP".equals(f.l4()) && dns) {
            return new Decision(Protocol.DNS_UDP, null, null, Reach.NETWORK, said.map(Decision::why)
                    .orElse("port 53") + " over UDP", said.isEmpty());
        }
        return new Decision(null, null, null, Reach.NETWORK, f.l4() + (f.l4().equals("UDP") ? " other than DNS" : "")
                + " cannot be probed", false);
    }

    /** The kubelet probe's path or health service, when it checks this port with the protocol decided. */
    private static Decision withOptions(Decision d, Optional<KubeletCheck> kubelet) {
        if (kubelet.isEmpty() || kubelet.get().protocol() != d.protocol()) {
            return d;
        }
        KubeletCheck k = kubelet.get();
        return new Decision(d.protocol(), k.path(), k.service(), d.reach(), d.why() + "; the kubelet's " + k.kind()
                + " checks " + (k.path() != null ? k.path() : k.service() != null ? "service " + Texts.quote(k.service())
                : "it"), false);
    }

    /** The first kubelet probe (readiness, then liveness, then startup, container by container) on this port. */
    private static Optional<KubeletCheck> kubelet(Facts f) {
        for (Container c : f.containers()) {
            Optional<KubeletCheck> found = Stream.of(check("readinessProbe", c.getReadinessProbe(), c, f),
                            check("livenessProbe", c.getLivenessProbe(), c, f),
                            check("startupProbe", c.getStartupProbe(), c, f))
                    .flatMap(Optional::stream).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<KubeletCheck> check(String kind, Probe probe, Container c, Facts f) {
        if (probe == null) {
            return Optional.empty();
        }
        if (probe.getHttpGet() != null && targets(probe.getHttpGet().getPort(), c, f)) {
            boolean tls = "HTTPS".equalsIgnoreCase(probe.getHttpGet().getScheme());
            return Optional.of(new KubeletCheck(kind + " httpGet", tls ? Protocol.HTTPS : Protocol.HTTP,
                    probe.getHttpGet().getPath(), null));
        }
        if (probe.getGrpc() != null && Objects.equals(probe.getGrpc().getPort(), f.port())) {
            String service = probe.getGrpc().getService();
            return Optional.of(new KubeletCheck(kind + " grpc", Protocol.GRPC, null,
                    service == null || service.isEmpty() ? null : service));
        }
        return Optional.empty();
    }

    /** True when a probe's port (a number, or the name of one of the container's ports) is this port. */
    private static boolean targets(IntOrString port, Container c, Facts f) {
        if (port == null) {
            return false;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal() == f.port();
        }
        String name = port.getStrVal();
        return c.getPorts() != null && c.getPorts().stream().anyMatch(p -> name != null && name.equals(p.getName())
                && p.getContainerPort() != null && p.getContainerPort() == f.port());
    }
}
