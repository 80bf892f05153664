package dev.portprobe.probe.http;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;

/** The http folder: HTTP/1.x in plaintext, and over TLS (https). */
public final class HttpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.HTTP, new HttpProbe(), Protocol.HTTPS, new HttpsProbe());
    }
}
