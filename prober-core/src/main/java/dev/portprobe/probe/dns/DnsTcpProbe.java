package dev.portprobe.probe.dns;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.probe.Connects;
import dev.portprobe.probe.net.Dial;
import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.Mismatch;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.profile.DnsOptions;
import io.netty.handler.codec.dns.DefaultDnsQuery;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import java.util.concurrent.CompletableFuture;

/**
 * DNS over TCP: one query (see {@link DnsMessages#question}), the length-prefixed response read back and judged by
 * {@link DnsVerdict}. A reply that is not DNS, or none within half the deadline, goes to the identifier through
 * {@link Mismatch}, so an HTTP or Redis server on the port is named.
 */
final class DnsTcpProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        DnsOptions options = request.spec().dns();
        DnsQuestion question = DnsMessages.question(options);
        int id = DnsMessages.newId();
        byte[] query = DnsMessages.tcpBytes(new DefaultDnsQuery(id, DnsOpCode.QUERY)
                .setRecursionDesired(true).setRecord(DnsSection.QUESTION, question));
        // Half the deadline for the answer: a server that ignores the query leaves the identifier the other half.
        Exchange ask = new Exchange(scope, query, scope.remainingNanos() / 2, DnsMessages.CAP,
                b -> DnsMessages.completeTcp(b) || Replies.name(b) != null);
        return Dial.run(scope, 0, ask).thenCompose(d -> {
            if (!d.connected()) {
                return CompletableFuture.completedFuture(Connects.failure(request, d.connectFailure()));
            }
            Reply reply = d.reply();
            DnsResponse response = DnsMessages.decodeTcp(reply.bytes());
            if (response == null) {
                return Mismatch.resolve(scope, Replies.unexpected(reply, "a DNS response"), reply.bytes());
            }
            try {
                scope.observedSoFar(Observed.DNS);
                return CompletableFuture.completedFuture(DnsVerdict.of(options, question, id, response, "query over TCP"));
            } finally {
                response.release();
            }
        });
    }
}
