package dev.portprobe.probe.tcp;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.Discard;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import io.netty.channel.ChannelHandler;
import java.util.Map;
import java.util.Set;

/** The tcp folder: a completed connect is the whole check. */
public final class TcpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.TCP, new TcpProbe());
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(Protocol.TCP, site -> new DemoServer.Served(site.bind(ch -> new ChannelHandler[] {Discard.INSTANCE}),
                "TCP: accepts"));
    }

    /** Istio's names for plain TCP, and for the protocols it proxies as TCP that portprobe has no probe of. */
    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.TCP, Set.of("tcp", "mongo", "mysql"));
    }
}
