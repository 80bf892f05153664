package dev.portprobe.probe.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A plaintext connection that runs one {@link Exchange}. Its pipeline, assembled here: the exchange, then the
 * {@link Sink}.
 */
public final class Dial {
    private Dial() {
    }

    /**
     * What a dial gave: a connect failure, or the reply.
     *
     * @param connectFailure why the connection did not open, or null
     * @param channel        the channel (tracked by the scope; open or not)
     */
    public record Result(Throwable connectFailure, Reply reply, Channel channel) {
        public boolean connected() {
            return connectFailure == null;
        }
    }

    /**
     * @param connectNanos the connect timeout, or 0 for what is left of the deadline
     */
    public static CompletableFuture<Result> run(NetScope scope, long connectNanos, Exchange exchange) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        var bootstrap = scope.bootstrap().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(exchange).addLast(Sink.NAME, Sink.INSTANCE);
            }
        });
        if (connectNanos > 0) {
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectNanos)));
        }
        ChannelFuture connect = scope.connect(bootstrap);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.complete(new Result(f.cause(), null, connect.channel()));
                return;
            }
            scope.markConnected();
            exchange.start();
            exchange.reply().thenAccept(r -> result.complete(new Result(null, r, connect.channel())));
        });
        return result;
    }
}
