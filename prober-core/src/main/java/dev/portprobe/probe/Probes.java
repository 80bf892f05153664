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
        MtlsProbe mtls = new MtlsProbe();
        map.put(Protocol.MTLS, mtls);
        map.put(Protocol.HTTP, new HttpProbe());
        map.put(Protocol.HTTPS, new HttpsProbe());
        map.put(Protocol.REDIS, new RedisProbe());
        // grpc-mtls without --cert/--key can only prove that the server demands a client certificate: that is
        // the mTLS probe's job, so GrpcProbe hands it over.
        GrpcProbe grpc = new GrpcProbe(mtls);
        map.put(Protocol.GRPC, grpc);
        map.put(Protocol.GRPC_TLS, grpc);
        map.put(Protocol.GRPC_MTLS, grpc);
        return Map.copyOf(map);
    }
}
