import dev.portprobe.loopback.Discard;
import dev.portprobe.loopback.RespHandler;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The benchmark's own targets, all on 127.0.0.1, in one process:
 * <ul>
 *   <li>TCP listeners on {@code tcpFrom..tcpFrom+tcpCount-1} that accept and close (bind failures are skipped);</li>
 *   <li>one grpc-java server with the standard health service (SERVING) listening on {@code grpcCount} ports;</li>
 *   <li>a silent port (accepts, never answers) and a Redis-like port (the demo's RESP server), both from
 *   {@code dev.portprobe.loopback}, as the demo and the tests use them.</li>
 * </ul>
 * Writes the ports it really bound into DIR (tcp.txt, grpc.txt, silent.txt, resp.txt), prints "ready", and runs
 * until its standard input closes. Run with the shaded jar on the class path:
 * {@code java -cp portprobe.jar bench/BenchServers.java DIR TCP_FROM TCP_COUNT GRPC_FROM GRPC_COUNT}.
 */
public final class BenchServers {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int tcpFrom = Integer.parseInt(args[1]);
        int tcpCount = Integer.parseInt(args[2]);
        int grpcFrom = Integer.parseInt(args[3]);
        int grpcCount = Integer.parseInt(args[4]);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerSocketChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        CloseAtOnce closeAtOnce = new CloseAtOnce();
        List<Integer> tcp = bindAll(listener(group, type, () -> new ChannelHandler[] {closeAtOnce}), tcpFrom, tcpCount);
        List<Integer> grpc = grpcPorts(grpcFrom, grpcCount);
        Server server = grpcServer(group, type, grpc);
        int silent = bindAll(listener(group, type, () -> new ChannelHandler[] {Discard.INSTANCE}), 0, 1).get(0);
        int resp = bindAll(listener(group, type, RespHandler::pipeline), 0, 1).get(0);

        write(dir.resolve("tcp.txt"), tcp);
        write(dir.resolve("grpc.txt"), grpc);
        write(dir.resolve("silent.txt"), List.of(silent));
        write(dir.resolve("resp.txt"), List.of(resp));
        System.out.println("ready: " + tcp.size() + " tcp, " + grpc.size() + " grpc, silent " + silent + ", resp " + resp);
        System.out.flush();
        while (System.in.read() >= 0) {
            // run until the benchmark closes our stdin
        }
        server.shutdownNow();
        group.shutdownGracefully().syncUninterruptibly();
    }

    private static ServerBootstrap listener(EventLoopGroup group, Class<? extends ServerSocketChannel> type,
                                            Supplier<ChannelHandler[]> handlers) {
        return new ServerBootstrap().group(group).channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handlers.get());
                    }
                });
    }

    /** Binds {@code count} ports from {@code from} (0: one ephemeral port); returns those that bound. */
    private static List<Integer> bindAll(ServerBootstrap b, int from, int count) {
        List<Integer> bound = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                Channel ch = b.bind(new InetSocketAddress("127.0.0.1", from == 0 ? 0 : from + i)).sync().channel();
                bound.add(((InetSocketAddress) ch.localAddress()).getPort());
            } catch (Exception e) {
                System.err.println("bench-servers: skipping port " + (from + i) + ": " + e.getMessage());
            }
        }
        return bound;
    }

    private static List<Integer> grpcPorts(int from, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int p = from; ports.size() < count && p < from + count * 2; p++) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress("127.0.0.1", p));
                ports.add(p);
            } catch (java.io.IOException busy) {
                System.err.println("bench-servers: skipping busy gRPC port " + p);
            }
        }
        return ports;
    }

    private static Server grpcServer(EventLoopGroup group, Class<? extends ServerSocketChannel> type, List<Integer> ports)
            throws java.io.IOException {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", ports.get(0)))
                .channelType(type).bossEventLoopGroup(group).workerEventLoopGroup(group)
                .directExecutor().addService(health.getHealthService());
        for (int p : ports.subList(1, ports.size())) {
            b.addListenAddress(new InetSocketAddress("127.0.0.1", p));
        }
        return b.build().start();
    }

    private static void write(Path file, List<Integer> ports) throws java.io.IOException {
        Files.write(file, ports.stream().map(String::valueOf).toList());
    }

    @io.netty.channel.ChannelHandler.Sharable
    private static final class CloseAtOnce extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }
}
