package dev.portprobe.probe.net;

import dev.portprobe.outcome.Observed;

import dev.portprobe.probe.wire.Sniff;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens a TLS connection in a scope. The pipeline, assembled here: {@link TlsWatch} (raw bytes, resets, client
 * certificate requests), the {@code SslHandler}, a listener that completes the {@link Handshake}, and the
 * {@link Sink}. Exchanges that follow the handshake go in before the sink.
 */
public final class TlsConnector {
    private TlsConnector() {
    }

    /**
     * @param verified     whether {@code ctx} verifies (recorded in the TlsInfo)
     * @param windowNanos  give up on the handshake after this long (0: no window, the scope's deadline governs)
     * @param connectNanos connect timeout (0: what is left of the deadline)
     */
    public static CompletableFuture<Handshake> open(NetScope scope, SslContext ctx, boolean verified,
                                             long windowNanos, long connectNanos) {
        CompletableFuture<Handshake> result = new CompletableFuture<>();
        String serverName = scope.tlsServerName();
        var bootstrap = scope.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler ssl = TlsContexts.newHandler(ctx, ch.alloc(), serverName);
                TlsWatch watch = new TlsWatch(ssl.engine(), buf -> {
                    scope.recordBytes(buf);
                    if (Sniff.looksTls(scope.firstBytes())) {
                        scope.observedSoFar(Observed.TLS);
                    }
                });
                ch.pipeline().addLast("watch", watch)
                        .addLast("ssl", ssl)
                        .addLast("handshake", new Listener(watch, ssl, verified, result))
                        .addLast(Sink.NAME, Sink.INSTANCE);
            }
        });
        if (connectNanos > 0) {
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectNanos)));
        }
        ChannelFuture connect = scope.connect(bootstrap);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(new Handshake.NotConnected(f.cause()));
                return;
            }
            scope.markConnected();
            scope.phase("handshake");
            if (windowNanos > 0) {
                Channel ch = connect.channel();
                var timer = ch.eventLoop().schedule(() -> {
                    TlsWatch watch = (TlsWatch) ch.pipeline().get("watch");
                    result.complete(new Handshake.Failed(ch, watch, null));
                }, windowNanos, TimeUnit.NANOSECONDS);
                result.whenComplete((h, e) -> timer.cancel(false));
            }
        });
        return result;
    }

    /** Completes the handshake future from the SslHandler's completion event, or from an early close. */
    private static final class Listener extends ChannelInboundHandlerAdapter {
        private final TlsWatch watch;
        private final SslHandler ssl;
        private final boolean verified;
        private final CompletableFuture<Handshake> result;

        Listener(TlsWatch watch, SslHandler ssl, boolean verified, CompletableFuture<Handshake> result) {
            this.watch = watch;
            this.ssl = ssl;
            this.verified = verified;
            this.result = result;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e && !result.isDone()) {
                if (e.isSuccess()) {
                    PhaseClock.mark(ctx.channel(), PhaseClock.Event.TLS_DONE);
                    var info = TlsFacts.of(ssl.engine().getSession(), ssl.applicationProtocol(),
                            watch.certificateRequested(), verified ? Boolean.TRUE : null);
                    result.complete(new Handshake.Completed(ctx.channel(), ssl, watch, info));
                } else {
                    result.complete(new Handshake.Failed(ctx.channel(), watch, e.cause()));
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!result.isDone()) {
                result.complete(new Handshake.Failed(ctx.channel(), watch,
                        new java.nio.channels.ClosedChannelException()));
            }
            ctx.fireChannelInactive();
        }
    }
}
