package dev.portprobe.probe;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java (grpc-netty) server whose health service is SERVING, behind an interceptor that holds every call's
 * response headers back for a while: the server's time to its first byte. The hold is on the call's own executor
 * thread, never on the server's event loop.
 */
final class SlowGrpcServer implements AutoCloseable {
    private final Server server;
    private final ExecutorService calls;

    private SlowGrpcServer(Server server, ExecutorService calls) {
        this.server = server;
        this.calls = calls;
    }

    static SlowGrpcServer start(Duration headersDelay) {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        ServerInterceptor slowHeaders = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void sendHeaders(Metadata responseHeaders) {
                        try {
                            Thread.sleep(headersDelay.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        super.sendHeaders(responseHeaders);
                    }
                }, headers);
            }
        };
        ExecutorService calls = Executors.newSingleThreadExecutor();
        try {
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .executor(calls)
                    .addService(ServerInterceptors.intercept(health.getHealthService(), slowHeaders))
                    .build()
                    .start();
            return new SlowGrpcServer(server, calls);
        } catch (IOException e) {
            calls.shutdownNow();
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
        calls.shutdownNow();
        calls.awaitTermination(5, TimeUnit.SECONDS);
    }
}
