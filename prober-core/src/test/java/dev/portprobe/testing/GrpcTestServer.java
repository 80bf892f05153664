package dev.portprobe.testing;

import io.grpc.Attributes;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.HealthStatusManager;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real grpc-java server on 127.0.0.1, port 0: with a health service, or with reflection only. */
public final class GrpcTestServer implements AutoCloseable {
    private static final Attributes.Key<Boolean> READY = Attributes.Key.create("portprobe-test-ready");

    private final Server server;
    private final AtomicInteger connections;
    private final AtomicInteger closed;

    private GrpcTestServer(Server server, AtomicInteger connections, AtomicInteger closed) {
        this.server = server;
        this.connections = connections;
        this.closed = closed;
    }

    /** Health service with these statuses ("" is the server as a whole); TLS when {@code tls} is not null. */
    public static GrpcTestServer withHealth(Map<String, ServingStatus> statuses, SslContext tls) {
        HealthStatusManager health = new HealthStatusManager();
        statuses.forEach(health::setStatus);
        return start(tls, health.getHealthService());
    }

    /**
     * Health service with these statuses, server reflection, and {@code others}: what a server advertises through
     * reflection is the names of its services (a health service is often registered under one of them).
     */
    public static GrpcTestServer withHealthAndReflection(Map<String, ServingStatus> statuses, BindableService... others) {
        HealthStatusManager health = new HealthStatusManager();
        statuses.forEach(health::setStatus);
        BindableService[] all = new BindableService[others.length + 2];
        all[0] = health.getHealthService();
        all[1] = ProtoReflectionServiceV1.newInstance();
        System.arraycopy(others, 0, all, 2, others.length);
        return start(null, all);
    }

    /** No health service: only server reflection, like Gloo's xDS port. */
    public static GrpcTestServer reflectionOnly() {
        return start(null, ProtoReflectionServiceV1.newInstance());
    }

    private static GrpcTestServer start(SslContext tls, BindableService... services) {
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor()
                .addTransportFilter(new ServerTransportFilter() {
                    @Override
                    public Attributes transportReady(Attributes attributes) {
                        connections.incrementAndGet();
                        return attributes.toBuilder().set(READY, Boolean.TRUE).build();
                    }

                    @Override
                    public void transportTerminated(Attributes attributes) {
                        if (attributes != null && attributes.get(READY) != null) {
                            closed.incrementAndGet();
                        }
                    }
                });
        for (BindableService service : services) {
            b.addService(service);
        }
        if (tls != null) {
            b.sslContext(tls);
        }
        try {
            return new GrpcTestServer(b.build().start(), connections, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** How many connections have become ready (HTTP/2 preface and settings exchanged) so far. */
    public int connections() {
        return connections.get();
    }

    /** How many of the connections that became ready have not terminated yet. */
    public int openConnections() {
        return connections.get() - closed.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
