package dev.portprobe.simulate;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small profiles for the simulation tests, and their checks (DESIGN's rule: Service ports, then untargeted workload ports). */
final class TestPlans {
    private TestPlans() {
    }

    /** One port of every protocol, with Gloo's no-health gRPC ports and a pod-local workload-only port. */
    static Profile everyProtocol() {
        return new Profile("every-protocol", "one port of each protocol", null, "demo-system",
                List.of(new WorkloadSpec("web", Map.of(), List.of(port(8080, Protocol.HTTP),
                                new PortSpec(19000, null, null, Protocol.HTTP, "admin", new HttpOptions("/ready", null), null, null,
                                        Reach.POD_LOCAL, false, 0)), 0)),
                List.of(
                        new ServiceSpec("web", "web", false, List.of(
                                new PortSpec(80, 8080, null, Protocol.HTTP, "web", new HttpOptions("/healthz", "200-399"), null, null, null, false, 0),
                                new PortSpec(443, 8443, null, Protocol.HTTPS, "web tls", null, null, null, null, false, 0)), 0),
                        new ServiceSpec("gloo", "gloo", false, List.of(port(9977, Protocol.GRPC), port(9988, Protocol.GRPC)), 0),
                        new ServiceSpec("extauth", "extauth", false, List.of(grpc(8083, Protocol.GRPC, "ext-auth")), 0),
                        new ServiceSpec("secure", "secure", false, List.of(port(9443, Protocol.TLS), port(9444, Protocol.MTLS),
                                grpc(9445, Protocol.GRPC_TLS, ""), grpc(9446, Protocol.GRPC_MTLS, "secure")), 0),
                        new ServiceSpec("redis", "redis", false, List.of(port(6379, Protocol.REDIS)), 0),
                        new ServiceSpec("raw", "raw", false, List.of(port(5000, Protocol.TCP)), 0)),
                "test");
    }

    /** Only gRPC ports, so that every fault lands on a port whose probe is the gRPC probe. */
    static Profile grpcOnly() {
        return new Profile("grpc-only", "gRPC ports", null, "demo-system", List.of(),
                List.of(new ServiceSpec("gloo", "gloo", false, List.of(port(9977, Protocol.GRPC), port(9988, Protocol.GRPC)), 0),
                        new ServiceSpec("ratelimit", "ratelimit", false, List.of(grpc(18081, Protocol.GRPC, "ratelimit")), 0),
                        new ServiceSpec("extauth", "extauth", false, List.of(grpc(8083, Protocol.GRPC, "ext-auth")), 0)),
                "test");
    }

    static List<Check> checks(Profile profile) {
        List<Check> out = new ArrayList<>();
        Set<String> targeted = new HashSet<>();
        for (ServiceSpec s : profile.services()) {
            for (PortSpec p : s.ports()) {
                out.add(new Check(s.name(), CheckKind.SERVICE, s.workload(), p.port(), p.effectiveTargetPort(), p,
                        !s.optional() && !p.optional(), s.optional()));
                targeted.add(s.workload() + ":" + p.effectiveTargetPort());
            }
        }
        for (WorkloadSpec w : profile.workloads()) {
            for (PortSpec p : w.ports()) {
                if (!targeted.contains(w.name() + ":" + p.port())) {
                    out.add(new Check(w.name(), CheckKind.WORKLOAD, w.name(), p.port(), p.port(), p, !p.optional(), false));
                }
            }
        }
        return out;
    }

    private static PortSpec port(int port, Protocol protocol) {
        return PortSpec.of(port, protocol);
    }

    private static PortSpec grpc(int port, Protocol protocol, String service) {
        return new PortSpec(port, null, null, protocol, "", null, new GrpcOptions(service), null, null, false, 0);
    }
}
