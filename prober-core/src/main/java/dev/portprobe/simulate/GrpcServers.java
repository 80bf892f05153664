package dev.portprobe.simulate;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.HealthStatusManager;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The install's grpc-java servers, on its event loop group with a direct executor (no threads of their own).
 * Each serves reflection, and a health service unless told not to, as Gloo's xDS port does.
 */
final class GrpcServers implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<Server> servers = new ArrayList<>();

    GrpcServers(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * Starts a server on HOST:0 and returns its port.
     *
     * @param healthService the service name the health service reports SERVING (with "", the whole server),
     *                      or null for a server without a health service
     * @param tls           the server's TLS context, or null for plaintext
     */
    int start(String host, String healthService, SslContext tls) throws IOException {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress(host, 0))
                .channelType(NioServerSocketChannel.class)
                .bossEventLoopGroup(group)
                .workerEventLoopGroup(group)
                .directExecutor()
                .addService(ProtoReflectionServiceV1.newInstance());
        if (healthService != null) {
            HealthStatusManager health = new HealthStatusManager();
            health.setStatus("", ServingStatus.SERVING);
            health.setStatus(healthService, ServingStatus.SERVING);
            b.addService(health.getHealthService());
        }
        if (tls != null) {
            b.sslContext(tls);
        }
        Server server = b.build().start();
        synchronized (servers) {
            servers.add(server);
        }
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        List<Server> all;
        synchronized (servers) {
            all = List.copyOf(servers);
            servers.clear();
        }
        all.forEach(Server::shutdownNow);
        for (Server s : all) {
            s.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
