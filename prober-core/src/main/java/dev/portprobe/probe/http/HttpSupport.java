package dev.portprobe.probe.http;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The http folder: HTTP/1.x in plaintext, and over TLS (https). */
public final class HttpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.HTTP, new HttpProbe(), Protocol.HTTPS, new HttpsProbe());
    }

    /** The HTTP/2 preface (rank 2) and the HTTP/1.1 GET (rank 3). */
    @Override
    public List<ProtocolStep> identifySteps() {
        return HttpSteps.ALL;
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        return Map.of(Protocol.HTTP, Set.of("http", "http2", "kubernetes.io/h2c", "kubernetes.io/ws"),
                Protocol.HTTPS, Set.of("https", "tls", "kubernetes.io/wss"));
    }
}
