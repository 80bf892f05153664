package dev.portprobe.probe.redis;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.RespHandler;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.profile.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The redis folder: a RESP PING. */
public final class RedisSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.REDIS, new RedisProbe());
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(Protocol.REDIS, site -> new DemoServer.Served(site.bind(ch -> RespHandler.pipeline()),
                "RESP: PING gets +PONG"));
    }

    @Override
    public List<ProtocolStep> identifySteps() {
        return List.of(new RespPing());
    }

    @Override
    public List<ReplyReading> replyReadings() {
        return List.of(new RespReading());
    }

    @Override
    public String answeredInstead(ProbeRequest request, Observed observed) {
        return observed != Observed.REDIS ? null : "Redis answers on this port: expect redis, or check the port number";
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        return Map.of(Protocol.REDIS, Set.of("redis"));
    }

    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.REDIS, Set.of("redis"));
    }
}
