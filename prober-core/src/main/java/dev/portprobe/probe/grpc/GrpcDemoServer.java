package dev.portprobe.probe.grpc;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.DemoSite;
import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import java.io.IOException;
import java.util.Set;

/**
 * The gRPC folder's demo server: grpc-java with reflection, and a health service that reports SERVING for the check's
 * service name, except where the profile names no health service on a port that DESIGN lists as gRPC without one
 * (Gloo's xDS 9977, validation 9988 and proxy-debug 9966): those answer UNIMPLEMENTED, like the real ones.
 */
final class GrpcDemoServer {
    /** Gloo's control-plane gRPC ports that serve no grpc.health.v1 service (from Solo's sources). */
    static final Set<Integer> NO_HEALTH_PORTS = Set.of(9977, 9988, 9966);

    private GrpcDemoServer() {
    }

    static DemoServer.Served serve(DemoSite site, Protocol p) throws IOException {
        Check check = site.check();
        String service = check.spec().grpc().service();
        boolean health = servesHealth(check);
        int port = site.grpc(health ? service : null, p != Protocol.GRPC, p == Protocol.GRPC_MTLS);
        String over = p == Protocol.GRPC ? "gRPC" : p == Protocol.GRPC_TLS ? "gRPC over TLS" : "gRPC over mTLS";
        String acts = health ? over + ", health SERVING" + (service.isEmpty() ? "" : " for '" + service + "'")
                : over + " without a health service";
        return new DemoServer.Served(port, acts);
    }

    /** True when the gRPC server of {@code check} has a health service (see the class comment). */
    static boolean servesHealth(Check check) {
        return !check.spec().grpc().service().isEmpty()
                || !(NO_HEALTH_PORTS.contains(check.port()) || NO_HEALTH_PORTS.contains(check.targetPort()));
    }
}
