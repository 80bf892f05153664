package dev.portprobe.probe;

import dev.portprobe.profile.Protocol;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The probe of each protocol: the explicit registry built at start-up. */
final class Probes {
    /**
     * Added to a probe's own read window so the engine's deadline always strikes first: a stalled exchange ends as
     * the engine's TIMEOUT, with what the scope saw.
     */
    static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Probes() {
    }

    static Map<Protocol, Probe> standard() {
        Map<Protocol, Probe> map = new EnumMap<>(Protocol.class);
        map.put(Protocol.TCP, new TcpProbe());
        map.put(Protocol.TLS, new TlsProbe());
        map.put(Protocol.MTLS, new MtlsProbe());
        map.put(Protocol.HTTP, new HttpProbe());
        map.put(Protocol.HTTPS, new HttpsProbe());
        map.put(Protocol.REDIS, new RedisProbe());
        // Placeholders until the gRPC probe lands: grpc and grpc-tls connect only; grpc-mtls without client
        // credentials is the mTLS probe (with ALPN h2), which is what GrpcProbe will delegate to.
        map.put(Protocol.GRPC, new TcpProbe());
        map.put(Protocol.GRPC_TLS, new TcpProbe());
        map.put(Protocol.GRPC_MTLS, new MtlsProbe());
        return Map.copyOf(map);
    }
}
