package dev.portprobe.probe.dns;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.probe.net.PhaseClock;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.profile.DnsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.concurrent.CompletableFuture;

/**
 * DNS over UDP: one query on a connected datagram socket, so that an ICMP port unreachable comes back as an error
 * (REFUSED). A datagram that is not a DNS response is WRONG_PROTOCOL; no reply at all lets the engine's deadline
 * strike: TIMEOUT, observed {@code silent}.
 */
final class DnsUdpProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        DnsOptions options = request.spec().dns();
        DnsQuestion question = DnsMessages.question(options);
        int id = DnsMessages.newId();
        CompletableFuture<ProbeOutcome> verdict = new CompletableFuture<>();
        // through the scope's dial, as the TCP probes: the name is looked up on the event loop and the check's
        // phases are timed (dns; connect, which for UDP is the local connect(2) that fixes the peer, no packet;
        // firstByte, from the query written to the first datagram read)
        ChannelFuture connect = scope.connect(new Bootstrap().group(scope.group()).channel(scope.datagramType())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new FirstDatagram(), new DatagramDnsQueryEncoder(),
                                new DatagramDnsResponseDecoder(), new Answer(options, question, id, verdict));
                    }
                }));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                verdict.complete(ProbeOutcome.of(Status.ERROR, null, "udp: cannot open a socket to "
                        + request.address() + ": " + f.cause()));
                return;
            }
            scope.markConnected();
            scope.phase("query over UDP");
            Channel channel = connect.channel();
            DatagramDnsQuery query = new DatagramDnsQuery(null, (InetSocketAddress) channel.remoteAddress(), id);
            query.setRecursionDesired(true).setRecord(DnsSection.QUESTION, question);
            PhaseClock.mark(channel, PhaseClock.Event.SENT);
            channel.writeAndFlush(query);
        });
        return verdict;
    }

    /** Marks the first datagram read, before it is decoded: the end of the check's first-byte phase. */
    private static final class FirstDatagram extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            PhaseClock.mark(ctx.channel(), PhaseClock.Event.FIRST_BYTE);
            ctx.fireChannelRead(msg);
        }
    }

    /** Completes the verdict with the first response, or with REFUSED when the port is unreachable. */
    private static final class Answer extends SimpleChannelInboundHandler<DatagramDnsResponse> {
        private final DnsOptions options;
        private final DnsQuestion question;
        private final int id;
        private final CompletableFuture<ProbeOutcome> verdict;

        Answer(DnsOptions options, DnsQuestion question, int id, CompletableFuture<ProbeOutcome> verdict) {
            this.options = options;
            this.question = question;
            this.id = id;
            this.verdict = verdict;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse response) {
            verdict.complete(DnsVerdict.of(options, question, id, response, "query over UDP"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof PortUnreachableException) {
                verdict.complete(ProbeOutcome.of(Status.REFUSED, null,
                        "udp: port unreachable (ICMP): nothing listens on " + ctx.channel().remoteAddress()));
            } else if (cause instanceof io.netty.handler.codec.CorruptedFrameException
                    || cause instanceof io.netty.handler.codec.DecoderException) {
                verdict.complete(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.UNKNOWN,
                        "query over UDP: the reply is not a DNS message (" + cause.getMessage() + ")"));
            } else {
                verdict.complete(ProbeOutcome.of(Status.ERROR, null, "query over UDP: " + cause));
            }
        }
    }
}
