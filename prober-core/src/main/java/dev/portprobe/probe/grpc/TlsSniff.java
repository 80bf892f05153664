package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.wire.Sniff;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Does the port speak TLS? Sends a ClientHello on a fresh connection and looks at the first bytes of the
 * reply: a TLS record (handshake or alert) means TLS, whether or not the handshake would then succeed. nginx
 * answers a plaintext HTTP/2 preface on its HTTPS port with {@code HTTP/1.1 400}, so only this tells TLS from
 * HTTP/1.x there. The answer is decided on the first bytes; the handshake is never waited for.
 */
final class TlsSniff {
    private TlsSniff() {
    }

    /**
     * Completes with true when the server answers with a TLS record; false on any other bytes, a close, a
     * failed connect, or when nothing arrives within {@code budgetNanos}. Never completes exceptionally.
     */
    static CompletableFuture<Boolean> speaksTls(ProbeScope scope, SslContext context, long budgetNanos) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        ChannelFuture connect = scope.connect(scope.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                // No peer host and port: the handler must not resume a session, and sends no SNI for an address.
                SslHandler ssl = context.newHandler(ch.alloc());
                ssl.setHandshakeTimeoutMillis(0);
                ch.pipeline().addLast(new FirstBytes(done), ssl, new CloseOnError());
            }
        }));
        Channel channel = connect.channel();
        var budget = channel.eventLoop().schedule(() -> done.complete(false), budgetNanos, TimeUnit.NANOSECONDS);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                channel.closeFuture().addListener(c -> done.complete(false));
            } else {
                done.complete(false);
            }
        });
        return done.whenComplete((tls, e) -> {
            budget.cancel(false);
            channel.close();
        });
    }

    /** Decides on the first bytes received, before the SslHandler sees them. */
    private static final class FirstBytes extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Boolean> done;

        FirstBytes(CompletableFuture<Boolean> done) {
            this.done = done;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!done.isDone() && msg instanceof ByteBuf buf && buf.readableBytes() > 0) {
                byte[] head = new byte[Math.min(2, buf.readableBytes())];
                buf.getBytes(buf.readerIndex(), head);
                done.complete(Sniff.ofCut(head) == Sniff.TLS);
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** A handshake failure after the first bytes changes nothing: the answer is already known. */
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
