package dev.portprobe.probe.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryDecoder;
import io.netty.handler.codec.dns.TcpDnsResponseEncoder;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * A small DNS server for the demo and the tests, over TCP and UDP: every A question gets 127.0.0.1, other types an
 * empty NOERROR, names under {@code invalid.} NXDOMAIN and names starting with {@code servfail.} SERVFAIL.
 */
public final class DnsDemoServer {
    private DnsDemoServer() {
    }

    /** The handlers of one accepted DNS-over-TCP connection. */
    public static ChannelHandler[] tcpHandlers() {
        return new ChannelHandler[] {new TcpDnsQueryDecoder(), new TcpDnsResponseEncoder(), new TcpAnswers()};
    }

    /** Binds a DNS-over-UDP server to HOST:0 on {@code group} (an NIO group); the caller closes the channel. */
    public static Channel bindUdp(EventLoopGroup group, String host) {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                new UdpAnswers());
                    }
                })
                .bind(new InetSocketAddress(host, 0)).syncUninterruptibly().channel();
    }

    /** Fills {@code response} (same id as the query) with the answer to {@code query}'s question. */
    static <R extends DnsResponse> R answer(DnsQuery query, R response) {
        DnsQuestion q = query.recordAt(DnsSection.QUESTION);
        response.setRecursionAvailable(true);
        if (q == null) {
            response.setCode(DnsResponseCode.FORMERR);
            return response;
        }
        response.addRecord(DnsSection.QUESTION, q);
        String name = q.name().toLowerCase(Locale.ROOT);
        if (name.startsWith("servfail.")) {
            response.setCode(DnsResponseCode.SERVFAIL);
        } else if (name.endsWith("invalid.") || name.endsWith("invalid")) {
            response.setCode(DnsResponseCode.NXDOMAIN);
        } else if (q.type().equals(DnsRecordType.A)) {
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(q.name(), DnsRecordType.A, 60,
                    Unpooled.wrappedBuffer(new byte[] {127, 0, 0, 1})));
        }
        return response;
    }

    private static final class TcpAnswers extends SimpleChannelInboundHandler<DnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
            ctx.writeAndFlush(answer(query, new DefaultDnsResponse(query.id(), query.opCode())));
        }
    }

    private static final class UdpAnswers extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            ctx.writeAndFlush(answer(query, new DatagramDnsResponse(query.recipient(), query.sender(), query.id(),
                    query.opCode())));
        }
    }
}
