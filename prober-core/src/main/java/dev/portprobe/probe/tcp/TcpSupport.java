package dev.portprobe.probe.tcp;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;

/** The tcp folder: a completed connect is the whole check. */
public final class TcpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.TCP, new TcpProbe());
    }
}
