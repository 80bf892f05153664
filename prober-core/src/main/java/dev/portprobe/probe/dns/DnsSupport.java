package dev.portprobe.probe.dns;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.DnsOptions;
import dev.portprobe.profile.Protocol;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dns folder: DNS over TCP (dns) and over UDP (dns-udp). */
public final class DnsSupport implements ProtocolSupport {
    private static final DnsIdentifyStep STEP = new DnsIdentifyStep();

    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.DNS, new DnsTcpProbe(), Protocol.DNS_UDP, new DnsUdpProbe());
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(
                Protocol.DNS, site -> new DemoServer.Served(site.bind(ch -> DnsDemoServer.tcpHandlers()),
                        "DNS over TCP: A gets 127.0.0.1"),
                Protocol.DNS_UDP, site -> new DemoServer.Served(site.track(DnsDemoServer.bindUdp(site.group(), site.host())),
                        "DNS over UDP: A gets 127.0.0.1"));
    }

    @Override
    public List<ProtocolStep> identifySteps() {
        return List.of(STEP);
    }

    /** Builds a name once, before the checks: the codec's first IDN conversion is slow on a cold JVM. */
    @Override
    public void prepare(ProbeEngine engine, Collection<Protocol> protocols) {
        if (protocols.stream().anyMatch(Protocol::isDns)) {
            DnsMessages.question(new DnsOptions("warm.up"));
        }
    }

    /** kube-dns names its ports "dns" (UDP) and "dns-tcp"; the port's own protocol (TCP or UDP) picks dns or dns-udp. */
    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.DNS, Set.of("dns", "dns-tcp", "dns-udp", "domain"));
    }
}
