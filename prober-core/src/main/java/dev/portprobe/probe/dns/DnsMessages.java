package dev.portprobe.probe.dns;

import dev.portprobe.profile.DnsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.handler.codec.dns.TcpDnsQueryEncoder;
import io.netty.handler.codec.dns.TcpDnsResponseDecoder;
import java.util.concurrent.ThreadLocalRandom;

/** The query a DNS probe sends and the reading of what came back, through netty-codec-dns (no hand-written wire code). */
final class DnsMessages {
    /** A reply longer than this (with its 2-byte length) is not read further. */
    static final int CAP = 64 * 1024 + 2;

    private DnsMessages() {
    }

    /** A query id, random so a stale or forged answer does not pass. */
    static int newId() {
        return ThreadLocalRandom.current().nextInt(1, 0x10000);
    }

    /** The question: {@code dns.name} type A, or the root's NS records when no name is set. */
    static DnsQuestion question(DnsOptions options) {
        return options.name().isEmpty()
                ? new DefaultDnsQuestion(".", DnsRecordType.NS)
                : new DefaultDnsQuestion(options.name(), DnsRecordType.A);
    }

    /** "A known.test" or "NS ." for details. */
    static String describe(DnsQuestion q) {
        return q.type().name() + " " + q.name();
    }

    /** {@code query} as DNS-over-TCP bytes (2-byte length, then the message). Releases the query. */
    static byte[] tcpBytes(DnsQuery query) {
        EmbeddedChannel ch = new EmbeddedChannel(new TcpDnsQueryEncoder());
        try {
            ch.writeOutbound(query);
            ByteBuf out = ch.readOutbound();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** True when {@code bytes} hold a whole DNS-over-TCP message, as its length prefix says. */
    static boolean completeTcp(byte[] bytes) {
        return bytes.length >= 2 && bytes.length >= 2 + (((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff));
    }

    /** The DNS response in {@code bytes} (DNS over TCP), or null when they are not one. The caller releases it. */
    static DnsResponse decodeTcp(byte[] bytes) {
        if (!completeTcp(bytes) || bytes.length < 2 + 12) {
            return null;
        }
        EmbeddedChannel ch = new EmbeddedChannel(new TcpDnsResponseDecoder());
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(bytes));
            return ch.readInbound();
        } catch (RuntimeException e) {
            return null; // not a DNS message
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** The number of records in the answer section. */
    static int answers(DnsResponse response) {
        return response.count(DnsSection.ANSWER);
    }
}
