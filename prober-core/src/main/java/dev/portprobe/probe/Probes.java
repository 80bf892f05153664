package dev.portprobe.probe;

import dev.portprobe.profile.Protocol;
import java.util.EnumMap;
import java.util.Map;

/** The probe of each protocol: the explicit registry built at start-up. */
final class Probes {
    private Probes() {
    }

    static Map<Protocol, Probe> standard() {
        Map<Protocol, Probe> map = new EnumMap<>(Protocol.class);
        map.put(Protocol.TCP, new TcpProbe());
        for (Protocol p : Protocol.values()) {
            map.putIfAbsent(p, new TcpProbe());
        }
        return Map.copyOf(map);
    }
}
