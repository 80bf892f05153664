package dev.portprobe.learn;

import dev.portprobe.probe.EngineServices;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The service names a gRPC server advertises through server reflection ({@code grpc.reflection.v1.ServerReflection},
 * {@code list_services}): a health service is often registered under a service's full name, which neither the
 * Service nor the port names. Learning only: these names are asked of the health service afterwards, through the
 * probe, and a name is written only when that Check answers SERVING. Any failure (no reflection: UNIMPLEMENTED, a
 * reset, the deadline) is no names. One call, on its own channel over the engine's event loops (its callbacks and
 * offloaded work too, so grpc-java starts no shared thread of its own), shut down when it ends;
 * over TLS the certificate is not verified here, since nothing is sent but the list request and the probe that follows
 * verifies as {@code probe} does.
 */
final class ReflectedServices {
    /** At most this many names are asked about, so that a server with many services does not fan out a port. */
    static final int MAX_NAMES = 12;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private ReflectedServices() {
    }

    /**
     * @param serverName the TLS server name to send, or null; {@code tls} false for plaintext HTTP/2
     * @return the advertised names, the reflection and health services left out; empty when nothing was learned
     */
    static CompletableFuture<List<String>> list(EngineServices services, String host, int port, boolean tls,
                                                String serverName, Duration timeout) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(new InetSocketAddress(host, port))
                .eventLoopGroup(services.group()).channelType(services.channelType())
                .directExecutor().offloadExecutor(services.group()).disableRetry().proxyDetector(address -> null)
                .userAgent("portprobe")
                .maxInboundMessageSize(MAX_MESSAGE_BYTES).maxInboundMetadataSize(MAX_MESSAGE_BYTES);
        if (tls) {
            dev.portprobe.DefaultTrust.prepareNetty();
            try {
                b.negotiationType(NegotiationType.TLS)
                        .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build());
            } catch (SSLException e) {
                return CompletableFuture.completedFuture(List.of());
            }
            if (serverName != null) {
                b.overrideAuthority(serverName);
            }
        } else {
            b.usePlaintext();
        }
        ManagedChannel channel = b.build();
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        try {
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                    .withDeadlineAfter(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse r) {
                            names.complete(r.hasListServicesResponse() ? names(r.getListServicesResponse().getServiceList())
                                    : List.of());
                        }

                        @Override
                        public void onError(Throwable t) {
                            names.complete(List.of());
                        }

                        @Override
                        public void onCompleted() {
                            names.complete(List.of());
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onCompleted();
        } catch (RuntimeException e) {
            names.complete(List.of());
        }
        return names.whenComplete((n, e) -> channel.shutdownNow());
    }

    /** The advertised names worth asking the health service about: not the reflection or health services. */
    static List<String> names(List<ServiceResponse> advertised) {
        List<String> out = new ArrayList<>();
        for (ServiceResponse s : advertised) {
            String name = s.getName();
            if (!name.isBlank() && !name.startsWith("grpc.reflection.") && !name.startsWith("grpc.health.")
                    && !out.contains(name) && out.size() < MAX_NAMES) {
                out.add(name);
            }
        }
        return out;
    }
}
