package dev.portprobe.probe;

import dev.portprobe.profile.Protocol;
import java.util.EnumMap;
import java.util.Map;

/** The probe of each protocol: the explicit registry built at start-up. */
final class Probes {
    private Probes() {
    }

    static Map<Protocol, Probe> standard() {
        Map<Protocol, Probe> map = new EnumMap<>(Protocol.class);
        map.put(Protocol.TCP, new TcpProbe());
        // grpc-mtls without --cert/--key only proves that the server demands a client certificate: the mTLS
        // probe's job. Until it is registered under MTLS, that case falls back to a TCP connect.
        Probe mtls = map.getOrDefault(Protocol.MTLS, new TcpProbe());
        GrpcProbe grpc = new GrpcProbe(mtls);
        map.put(Protocol.GRPC, grpc);
        map.put(Protocol.GRPC_TLS, grpc);
        map.put(Protocol.GRPC_MTLS, grpc);
        for (Protocol p : Protocol.values()) {
            map.putIfAbsent(p, new TcpProbe());
        }
        return Map.copyOf(map);
    }
}
