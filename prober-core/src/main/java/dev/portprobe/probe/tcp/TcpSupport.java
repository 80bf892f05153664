package dev.portprobe.probe.tcp;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;
import java.util.Set;

/** The tcp folder: a completed connect is the whole check. */
public final class TcpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.TCP, new TcpProbe());
    }

    /** Istio's names for plain TCP, and for the protocols it proxies as TCP that portprobe has no probe of. */
    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.TCP, Set.of("tcp", "mongo", "mysql"));
    }
}
