package dev.portprobe.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** A loopback server that misbehaves in one scripted way. */
public final class HostileServer extends LoopbackServer {

    /** How the server misbehaves; every connection gets the same treatment. */
    public sealed interface Misbehaviour {
        /** Accepts, then never sends a byte and never closes. */
        record AcceptThenSilence() implements Misbehaviour {
        }

        /** Accepts, then closes at once (FIN) without a byte. */
        record AcceptThenClose() implements Misbehaviour {
        }

        /** Accepts, then resets (SO_LINGER 0 and close: RST). */
        record ResetAfterAccept() implements Misbehaviour {
        }

        /** Sends {@code prefix}, then one more byte every {@code periodMillis}, forever. */
        record SlowDrip(String prefix, long periodMillis) implements Misbehaviour {
        }

        /** Sends {@code bytes} at once on accept, then stays open. */
        record Garbage(byte[] bytes) implements Misbehaviour {
            @Override
            public String toString() {
                return "Garbage[" + bytes.length + " bytes]";
            }
        }

        /** On the first request, sends a status line and {@code bytes} of headers that never end. */
        record HugeHeaders(int bytes) implements Misbehaviour {
        }

        /** Reads the ClientHello, sends the first bytes of a 16 KiB TLS record, then stalls. */
        record TlsHandshakeStall() implements Misbehaviour {
        }

        /** On the first bytes (the HTTP/2 preface), sends an HTTP/2 GOAWAY frame and closes. */
        record GoawayAfterPreface() implements Misbehaviour {
        }
    }

    public static final byte[] GARBAGE = {0x00, (byte) 0xff, 0x13, 0x37, (byte) 0xde, (byte) 0xad, 0x7f, 0x01, 0x02, (byte) 0x80};

    private final Misbehaviour misbehaviour;

    public HostileServer(Misbehaviour misbehaviour) {
        super("hostile", ch -> {
            if (misbehaviour instanceof Misbehaviour.ResetAfterAccept) {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            }
            ch.pipeline().addLast(new Act(misbehaviour));
        });
        this.misbehaviour = misbehaviour;
    }

    public Misbehaviour misbehaviour() {
        return misbehaviour;
    }

    private static final class Act extends ChannelInboundHandlerAdapter {
        private static final java.util.Map<Integer, byte[]> HUGE = new java.util.concurrent.ConcurrentHashMap<>();
        private final Misbehaviour m;
        private boolean answered;
        private ScheduledFuture<?> drip;

        Act(Misbehaviour m) {
            this.m = m;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (m instanceof Misbehaviour.AcceptThenClose || m instanceof Misbehaviour.ResetAfterAccept) {
                ctx.close();
            } else if (m instanceof Misbehaviour.Garbage g) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(g.bytes()));
            } else if (m instanceof Misbehaviour.SlowDrip d) {
                ctx.writeAndFlush(Unpooled.copiedBuffer(d.prefix(), StandardCharsets.US_ASCII));
                drip = ctx.executor().scheduleAtFixedRate(
                        () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'a'})),
                        d.periodMillis(), d.periodMillis(), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (answered) {
                return;
            }
            answered = true;
            if (m instanceof Misbehaviour.HugeHeaders h) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HUGE.computeIfAbsent(h.bytes(), Act::hugeHeaders)));
            } else if (m instanceof Misbehaviour.TlsHandshakeStall) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00, 0x02}));
            } else if (m instanceof Misbehaviour.GoawayAfterPreface) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(goaway())).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (drip != null) {
                drip.cancel(false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static byte[] hugeHeaders(int size) {
            byte[] status = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(status, status.length + size);
            byte[] line = "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = status.length; i < out.length; i++) {
                out[i] = line[(i - status.length) % line.length];
            }
            return out;
        }

        private static byte[] goaway() {
            // length 8, type GOAWAY (7), flags 0, stream 0; last stream id 0, error PROTOCOL_ERROR (1)
            return new byte[] {0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        }
    }
}
