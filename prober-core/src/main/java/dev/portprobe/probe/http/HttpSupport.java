package dev.portprobe.probe.http;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;
import java.util.Set;

/** The http folder: HTTP/1.x in plaintext, and over TLS (https). */
public final class HttpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.HTTP, new HttpProbe(), Protocol.HTTPS, new HttpsProbe());
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        return Map.of(Protocol.HTTP, Set.of("http", "http2", "kubernetes.io/h2c", "kubernetes.io/ws"),
                Protocol.HTTPS, Set.of("https", "tls", "kubernetes.io/wss"));
    }

    /** Istio's http, http2 (Envoy serves HTTP/1.1 there too) and grpc-web; Kubernetes' WebSocket appProtocols. */
    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.HTTP, Set.of("http", "http2", "grpc-web", "kubernetes.io/ws"),
                Protocol.HTTPS, Set.of("https", "kubernetes.io/wss"));
    }
}
