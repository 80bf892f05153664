package dev.portprobe.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.tls.HeldCertificate;

/**
 * A loopback server that answers HTTP/1.1 200 to any request, but holds the first bytes it receives for a set delay
 * before it reads them: in front of TLS that delays the ServerHello (a slow TLS handshake), behind TLS or on plaintext
 * it delays the response (a slow first byte). The connection itself is accepted at once.
 */
public final class DelayingServer extends LoopbackServer {
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private DelayingServer(String name, java.util.function.Consumer<io.netty.channel.socket.SocketChannel> pipeline) {
        super(name, pipeline);
    }

    /** Plaintext HTTP whose response starts {@code delay} after the request arrived. */
    public static DelayingServer slowFirstByte(Duration delay) {
        return new DelayingServer("slow-first-byte", ch -> ch.pipeline().addLast(new Hold(delay), new Answer()));
    }

    /** HTTPS whose ServerHello leaves {@code delay} after the ClientHello arrived; the response then comes at once. */
    public static DelayingServer slowServerHello(Duration delay, HeldCertificate certificate) {
        SslContext ctx = serverContext(certificate);
        return new DelayingServer("slow-server-hello",
                ch -> ch.pipeline().addLast(new Hold(delay), ctx.newHandler(ch.alloc()), new Answer()));
    }

    private static SslContext serverContext(HeldCertificate certificate) {
        try {
            return SslContextBuilder.forServer(certificate.keyPair().getPrivate(), certificate.certificate())
                    .sslProvider(SslProvider.JDK).protocols("TLSv1.3").build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes nothing on until {@code delay} after the first read, then everything, in order. */
    private static final class Hold extends ChannelInboundHandlerAdapter {
        private final long delayNanos;
        private final Queue<Object> held = new ArrayDeque<>();
        private boolean holding;
        private boolean released;

        Hold(Duration delay) {
            this.delayNanos = delay.toNanos();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (released) {
                ctx.fireChannelRead(msg);
                return;
            }
            held.add(msg);
            if (!holding) {
                holding = true;
                ctx.executor().schedule(() -> release(ctx), delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        private void release(ChannelHandlerContext ctx) {
            released = true;
            if (!ctx.channel().isActive()) {
                held.forEach(ReferenceCountUtil::release);
                held.clear();
                return;
            }
            while (!held.isEmpty()) {
                ctx.fireChannelRead(held.poll());
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
            ctx.fireChannelInactive();
        }
    }

    /** Answers the first request bytes with 200 and closes. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private boolean answered;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            if (!answered) {
                answered = true;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(OK)).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
