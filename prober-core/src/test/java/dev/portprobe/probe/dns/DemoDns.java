package dev.portprobe.probe.dns;

import dev.portprobe.profile.Protocol;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** {@link DnsDemoServer} on a loopback port, over TCP or UDP, for one test. */
final class DemoDns implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel listener;

    private DemoDns(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    static DemoDns start(Protocol protocol) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel listener = protocol == Protocol.DNS_UDP ? DnsDemoServer.bindUdp(group, "127.0.0.1")
                    : new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                            .childHandler(new ChannelInitializer<Channel>() {
                                @Override
                                protected void initChannel(Channel ch) {
                                    ch.pipeline().addLast(DnsDemoServer.tcpHandlers());
                                }
                            })
                            .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
            return new DemoDns(group, listener);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
