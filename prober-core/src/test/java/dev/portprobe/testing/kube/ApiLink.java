package dev.portprobe.testing.kube;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The network between a client and a {@link FakeKubeApi}: a TCP relay on 127.0.0.1 that a kubeconfig points at, and
 * that misbehaves the way the path to a real API server does. The misbehaviour is a {@link Fault}, read for every
 * chunk the API sends back (so it also hits kept-alive connections); {@link #stop()} is the API server going away.
 */
public final class ApiLink implements AutoCloseable {
    /** What the link does to the API's answers. */
    public sealed interface Fault {
        /** Every byte passes. */
        record None() implements Fault {
        }

        /** New connections are accepted and never answered; answers on open connections are held forever. */
        record Stall() implements Fault {
        }

        /** Every answer arrives {@code delay} late. */
        record Late(Duration delay) implements Fault {
        }

        /**
         * Upgraded connections (websockets: port-forwards) are cut once the upgrade and the port preamble have
         * passed and the first {@code bytes} of the stream after them: a stream closed after its first bytes.
         */
        record CutStreams(int bytes) implements Fault {
        }
    }

    /** The two v4.channel.k8s.io port frames that open every port-forward stream: 2 header + 3 payload bytes each. */
    private static final int PREAMBLE = 10;
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final InetSocketAddress api;
    private final Channel server;
    private volatile Fault fault = new Fault.None();

    private ApiLink(InetSocketAddress api) throws InterruptedException {
        this.api = api;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new Front());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** A link in front of {@code api}. */
    public static ApiLink to(FakeKubeApi api) throws InterruptedException {
        return new ApiLink(new InetSocketAddress("127.0.0.1", api.port()));
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public void fault(Fault f) {
        fault = f;
    }

    /** The API server goes away: nothing listens any more, and every open connection is closed. */
    public void stop() {
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The client's side: opens the connection to the API unless stalled, then relays. */
    private final class Front extends ChannelInboundHandlerAdapter {
        private Channel back;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel front = ctx.channel();
            if (fault instanceof Fault.Stall) {
                front.config().setAutoRead(true); // read and drop: an upgrade or request that is never answered
                return;
            }
            ChannelFuture f = new Bootstrap().group(front.eventLoop()).channel(NioSocketChannel.class)
                    .handler(new Back(front)).connect(api);
            back = f.channel();
            channels.add(back);
            f.addListener(done -> {
                if (done.isSuccess()) {
                    front.config().setAutoRead(true);
                } else {
                    front.close();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (back != null && back.isActive()) {
                back.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (back != null) {
                back.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The API's side: its answers go back to the client as the fault says. */
    private final class Back extends ChannelInboundHandlerAdapter {
        private final Channel front;
        /** Bytes of the answer before the upgrade's header end, kept only to find it; null once past it. */
        private StringBuilder head = new StringBuilder();
        private boolean upgraded;
        private long streamBytes;

        Back(Channel front) {
            this.front = front;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            Fault f = fault;
            if (f instanceof Fault.Stall) {
                buf.release();
            } else if (f instanceof Fault.Late late) {
                front.eventLoop().schedule(() -> front.writeAndFlush(buf), late.delay().toMillis(), TimeUnit.MILLISECONDS);
            } else if (f instanceof Fault.CutStreams cut) {
                cutAfter(buf, PREAMBLE + cut.bytes());
            } else {
                front.writeAndFlush(buf);
            }
        }

        private void cutAfter(ByteBuf buf, int allowed) {
            int start = 0;
            if (head != null) {
                int before = head.length();
                head.append(buf.toString(StandardCharsets.ISO_8859_1));
                int end = head.indexOf(new String(HEADER_END, StandardCharsets.ISO_8859_1));
                if (end < 0) {
                    front.writeAndFlush(buf);
                    return;
                }
                upgraded = head.indexOf("HTTP/1.1 101") == 0;
                start = Math.max(0, end + HEADER_END.length - before);
                head = null;
            }
            if (!upgraded) {
                front.writeAndFlush(buf);
                return;
            }
            long left = allowed - streamBytes;
            int stream = buf.readableBytes() - start;
            if (stream < left) {
                streamBytes += stream;
                front.writeAndFlush(buf);
                return;
            }
            ByteBuf kept = buf.retainedSlice(buf.readerIndex(), start + (int) left);
            buf.release();
            front.writeAndFlush(kept).addListener(done -> front.close());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Fault f = fault;
            if (f instanceof Fault.Late late) {
                front.eventLoop().schedule(() -> front.close(), late.delay().toMillis(), TimeUnit.MILLISECONDS);
            } else if (!(f instanceof Fault.Stall)) {
                front.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
