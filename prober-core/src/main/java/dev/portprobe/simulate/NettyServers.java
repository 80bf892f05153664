package dev.portprobe.simulate;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The install's Netty listeners, all on its event loop group. Accepted connections close with the group. */
final class NettyServers implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<Channel> listeners = new ArrayList<>();

    NettyServers(EventLoopGroup group) {
        this.group = group;
    }

    /** Binds HOST:0; every accepted connection gets the handlers {@code pipeline} makes for it. Returns the port. */
    int bind(String host, Function<Channel, ChannelHandler[]> pipeline) throws IOException {
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(pipeline.apply(ch));
                    }
                })
                .bind(new InetSocketAddress(host, 0))
                .syncUninterruptibly()
                .channel();
        if (!listener.isActive()) {
            throw new IOException("cannot listen on " + host);
        }
        synchronized (listeners) {
            listeners.add(listener);
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Keeps {@code listener} (a bound UDP channel) to close with the others. Returns its port. */
    int track(Channel listener) {
        synchronized (listeners) {
            listeners.add(listener);
        }
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        List<Channel> all;
        synchronized (listeners) {
            all = List.copyOf(listeners);
            listeners.clear();
        }
        all.forEach(ch -> ch.close().syncUninterruptibly());
    }
}
