package dev.portprobe.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The exporter's HTTP server: one Netty event loop thread, Netty's HTTP/1.1 codec and aggregator (requests are small
 * GETs: the body is capped at 8 KiB), keep-alive, and bounds that hold over days: at most {@code maxConnections}
 * connections (more are closed on accept), and a connection idle for {@code idleTimeout} is closed.
 */
final class HttpServer implements AutoCloseable {
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADERS = 16384;
    private static final int MAX_BODY = 8192;

    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final Channel server;

    private HttpServer(EventLoopGroup group, ChannelGroup channels, Channel server) {
        this.group = group;
        this.channels = channels;
        this.server = server;
    }

    /** Binds {@code options.listen()} and serves {@code routes}; a bind failure closes everything and throws. */
    static HttpServer start(ServeOptions options, Routes routes) throws java.io.IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("portprobe-http", true),
                NioIoHandler.newFactory());
        ChannelGroup channels = new DefaultChannelGroup("portprobe-http", GlobalEventExecutor.INSTANCE);
        long idleMillis = options.idleTimeout().toMillis();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (channels.size() >= options.maxConnections()) {
                            ch.close();
                            return;
                        }
                        channels.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
                        p.addLast(new CloseWhenIdle());
                        p.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_BODY));
                        p.addLast(new HttpServerKeepAliveHandler());
                        p.addLast(new HttpObjectAggregator(MAX_BODY));
                        p.addLast(routes);
                    }
                });
        try {
            Channel server = bootstrap.bind(options.listen()).syncUninterruptibly().channel();
            channels.add(server);
            return new HttpServer(group, channels, server);
        } catch (Exception e) { // Netty rethrows the bind's java.net.BindException as is (a sneaky throw)
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (e instanceof java.io.IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new java.io.IOException(e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops accepting, closes every connection, and ends the event loop. */
    @Override
    public void close() {
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Closes a connection that has been idle (no read, no write) for the idle timeout. */
    private static final class CloseWhenIdle extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset by the client, or a codec failure past the response: nothing to answer
        }
    }
}
