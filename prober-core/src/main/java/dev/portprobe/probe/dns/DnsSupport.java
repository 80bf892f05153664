package dev.portprobe.probe.dns;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.profile.Protocol;
import java.util.List;
import java.util.Map;

/** The dns folder: DNS over TCP (dns) and over UDP (dns-udp). */
public final class DnsSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.DNS, new DnsTcpProbe(), Protocol.DNS_UDP, new DnsUdpProbe());
    }

    /** kube-dns names its ports "dns" (UDP) and "dns-tcp". */
    @Override
    public List<String> portNameAliases() {
        return List.of("dns", "dns-tcp", "dns-udp", "domain");
    }
}
