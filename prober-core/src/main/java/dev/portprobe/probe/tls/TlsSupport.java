package dev.portprobe.probe.tls;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;
import java.util.Set;

/** The tls folder: a TLS handshake, and mtls (a server that demands a client certificate). */
public final class TlsSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.TLS, new TlsProbe(), Protocol.MTLS, new MtlsProbe());
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        Set<String> carriers = Set.of("tls", "https", "kubernetes.io/wss");
        return Map.of(Protocol.TLS, carriers, Protocol.MTLS, carriers);
    }

    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.TLS, Set.of("tls"));
    }
}
