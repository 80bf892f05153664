package dev.portprobe.probe.dns;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.Replies;
import dev.portprobe.profile.DnsOptions;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;

/**
 * Identifies DNS over TCP: a query for the root's NS records; a DNS response with the same id names it. Only such a
 * response counts (any other reply is left to the other steps), so it ranks last.
 */
final class DnsIdentifyStep implements ProtocolStep {
    private static final int CAP = 4096;

    @Override
    public String label() {
        return "DNS query";
    }

    @Override
    public int rank() {
        return 5;
    }

    @Override
    public int cap() {
        return CAP;
    }

    @Override
    public boolean anyProtocol() {
        return false;
    }

    @Override
    public Observed observed() {
        return Observed.DNS;
    }

    @Override
    public byte[] request(ProbeRequest request) {
        return DnsMessages.tcpBytes(new DefaultDnsQuery(DnsMessages.newId(), DnsOpCode.QUERY)
                .setRecursionDesired(true).setRecord(DnsSection.QUESTION, DnsMessages.question(DnsOptions.DEFAULT)));
    }

    @Override
    public boolean complete(byte[] bytes) {
        return DnsMessages.completeTcp(bytes) || Replies.name(bytes) != null;
    }

    @Override
    public String recognise(byte[] sent, byte[] reply) {
        DnsResponse response = DnsMessages.decodeTcp(reply);
        if (response == null) {
            return null;
        }
        try {
            int id = ((sent[2] & 0xff) << 8) | (sent[3] & 0xff);
            return response.id() == id ? "a DNS response over TCP, " + response.code() : null;
        } finally {
            response.release();
        }
    }
}
