package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-cluster Job's memory budget: {@code demo} and a 1,000-check run succeed in a JVM with {@code -Xmx64m}.
 * Each runs {@link Main} in a child JVM on this test's class path; the 1,000 checks (TCP, HTTP and gRPC health)
 * go to servers in this JVM on loopback.
 */
class SmallHeapTest {
    private static final String HTTP_OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    private static EventLoopGroup group;
    private static final List<Integer> tcpPorts = new ArrayList<>();
    private static final List<Integer> httpPorts = new ArrayList<>();
    private static final List<Server> grpcServers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        for (int i = 0; i < 40; i++) {
            tcpPorts.add(bind(ctx -> ctx.close()));
        }
        for (int i = 0; i < 8; i++) {
            httpPorts.add(bind(ctx -> ctx.writeAndFlush(Unpooled.copiedBuffer(HTTP_OK, StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE)));
        }
        for (int i = 0; i < 2; i++) {
            HealthStatusManager health = new HealthStatusManager();
            health.setStatus("", ServingStatus.SERVING);
            grpcServers.add(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .channelType(NioServerSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                    .directExecutor().addService(health.getHealthService()).build().start());
        }
    }

    private interface OnAccept {
        void accept(ChannelHandlerContext ctx);
    }

    private static int bind(OnAccept onAccept) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel c) {
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                onAccept.accept(ctx);
                            }

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                io.netty.util.ReferenceCountUtil.release(msg);
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        grpcServers.forEach(Server::shutdownNow);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void demoPassesInSixtyFourMegabytes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo.json");
        Child child = run(dir, "demo", "--timeout", "10s", "-o", "json", "--out", out.toString());
        assertThat(child.exitCode()).as(child.output()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toFile()).get("summary");
        assertThat(summary.get("failed").asInt()).isZero();
        assertThat(summary.get("ok").asInt()).isPositive();
    }

    @Test
    void thousandChecksPassInSixtyFourMegabytes(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("thousand.yaml");
        Files.writeString(profile, thousandChecks());
        Path out = dir.resolve("run.json");
        Child child = run(dir, "probe", "--mode", "direct", "--host", "127.0.0.1", "-p", profile.toString(),
                "--timeout", "10s", "-o", "json", "--out", out.toString());
        assertThat(child.exitCode()).as(child.output()).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toFile()).get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(1000);
        assertThat(summary.get("ok").asInt()).isEqualTo(1000);
    }

    /** 20 workloads, each with the 40 TCP, 8 HTTP and 2 gRPC ports: 1,000 checks. */
    private static String thousandChecks() {
        StringBuilder y = new StringBuilder("apiVersion: portprobe/v1\nname: thousand\nnamespace: test\nworkloads:\n");
        for (int w = 0; w < 20; w++) {
            y.append("  - name: w").append(w).append("\n    ports:\n");
            tcpPorts.forEach(p -> y.append("      - {port: ").append(p).append(", protocol: tcp}\n"));
            httpPorts.forEach(p -> y.append("      - {port: ").append(p).append(", protocol: http}\n"));
            grpcServers.forEach(s -> y.append("      - {port: ").append(s.getPort()).append(", protocol: grpc}\n"));
        }
        return y.toString();
    }

    private record Child(int exitCode, String output) {
    }

    private static Child run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Child(-1, "timed out: " + Files.readString(log));
        }
        return new Child(p.exitValue(), Files.readString(log));
    }
}
