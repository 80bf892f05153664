package dev.portprobe.probe.redis;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.Map;
import java.util.Set;

/** The redis folder: a RESP PING. */
public final class RedisSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.REDIS, new RedisProbe());
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
