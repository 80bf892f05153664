package dev.portprobe.probe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.ScriptedServer;
import dev.portprobe.testing.TestPki;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pins what grpc-java 1.85 says to each peer, with retries disabled as in the probe: the message texts {@link GrpcMessages} reads, and the metadata
 * {@link GrpcAnswer} reads. If an upgrade changes one of them, this fails before a verdict silently changes.
 */
class GrpcMessagesTest {

    record Closed(Status status, Metadata headers, Metadata trailers) {
    }

    @Test
    void quotesTheFirstBytesWhenHttp1AnswersThePreface() throws Exception {
        try (ScriptedServer http = ScriptedServer.start(new ScriptedServer.Http1BadRequest())) {
            Closed closed = check(plaintext(http.port()));
            assertThat(closed.status().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(closed.status().getCause()).hasMessageContaining("First received frame was not SETTINGS");
            assertThat(new String(GrpcMessages.firstBytesQuoted(closed.status()), StandardCharsets.US_ASCII)).isEqualTo("HTTP/");
        }
    }

    @Test
    void saysGoAwayWhenTheServerSendsGoAwayRightAfterThePreface() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.GoAwayAfterPreface())) {
            Closed closed = check(plaintext(server.port()));
            assertThat(GrpcMessages.goAway(closed.status())).as(closed.status().toString()).isTrue();
        }
    }

    @Test
    void saysAlpnWhenTheTlsServerDoesNotAgreeToH2() throws Exception {
        try (TestPki pki = new TestPki();
             ScriptedServer tls = ScriptedServer.start(new ScriptedServer.Tls(pki.nettyServer(ClientAuth.NONE)))) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", tls.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                    .disableRetry()
                    .build();
            Closed closed = check(channel);
            assertThat(GrpcMessages.alpnRefused(closed.status())).as(closed.status().toString()).isTrue();
        }
    }

    @Test
    void keepsStatusAndContentTypeInTheTrailersOfANonGrpcHttp2Response() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Http2NotFound())) {
            Closed closed = check(plaintext(server.port()));
            assertThat(closed.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(closed.trailers().get(GrpcAnswer.HTTP_STATUS)).isEqualTo("404");
            assertThat(closed.trailers().get(GrpcAnswer.CONTENT_TYPE)).isEqualTo("text/plain");
        }
    }

    @Test
    void givesNoHeadersButAGrpcContentTypeInTheTrailersOfATrailersOnlyUnimplemented() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.reflectionOnly()) {
            Closed closed = check(plaintext(server.port()));
            assertThat(closed.status().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(closed.headers()).isNull();
            assertThat(closed.trailers().get(GrpcAnswer.CONTENT_TYPE)).isEqualTo("application/grpc");
        }
    }

    private static ManagedChannel plaintext(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().disableRetry().build();
    }

    private static Closed check(ManagedChannel channel) throws Exception {
        try {
            CompletableFuture<Closed> closed = new CompletableFuture<>();
            ClientCall<HealthCheckRequest, HealthCheckResponse> call = channel.newCall(HealthGrpc.getCheckMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
            call.start(new ClientCall.Listener<>() {
                private Metadata headers;

                @Override
                public void onHeaders(Metadata h) {
                    headers = h;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(new Closed(status, headers, trailers));
                }
            }, new Metadata());
            call.request(1);
            call.sendMessage(HealthCheckRequest.getDefaultInstance());
            call.halfClose();
            return closed.get(10, TimeUnit.SECONDS);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
