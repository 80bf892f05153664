package dev.portprobe.probe;

import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING;
import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.Status;
import dev.portprobe.testing.GrpcTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Checks of one gRPC address share a connection, and a shared connection only ever confirms a gRPC answer. */
class GrpcConnectionsTest {

    @Test
    void checksOfOneAddressRunOnOneConnectionWhateverTheServiceName() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING, "ext-auth", NOT_SERVING), null)) {
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(probe(engine, server.port(), "ext-auth").status()).isEqualTo(Status.UNHEALTHY);
            assertThat(probe(engine, server.port(), "unknown").detail()).contains("does not know the service name 'unknown'");
            List<CompletableFuture<ProbeOutcome>> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(engine.probe(request(server.port(), "")));
            }
            assertThat(many).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.OK));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void aSharedConnectionWhoseServerIsGoneIsDroppedAndTheCheckDialsItsOwn() throws Exception {
        try (ProbeEngine engine = new ProbeEngine()) {
            GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null);
            int port = server.port();
            assertThat(probe(engine, port, "").status()).isEqualTo(Status.OK);
            server.close();
            // The shared connection now fails; only a connection of the check's own can tell what is there.
            ProbeOutcome gone = probe(engine, port, "");
            assertThat(gone.status()).isEqualTo(Status.REFUSED);
            assertThat(gone.detail()).contains("refused");
        }
    }

    @Test
    void afterForgetConnectionsTheNextCheckDialsAnew() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(server.connections()).isEqualTo(1);
            engine.forgetConnections();
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void idleSharedConnectionsAreCappedAtTheEnginesConcurrency() throws Exception {
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(1));
             GrpcTestServer first = GrpcTestServer.withHealth(Map.of("", SERVING), null);
             GrpcTestServer second = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            assertThat(probe(engine, first.port(), "").status()).isEqualTo(Status.OK);
            assertThat(probe(engine, first.port(), "").status()).isEqualTo(Status.OK);
            assertThat(first.connections()).isEqualTo(1);
            // One idle connection at most: the second server's pushes out the first's.
            assertThat(probe(engine, second.port(), "").status()).isEqualTo(Status.OK);
            assertThat(probe(engine, first.port(), "").status()).isEqualTo(Status.OK);
            assertThat(first.connections()).isEqualTo(2);
            assertThat(second.connections()).isEqualTo(1);
        }
    }

    private static ProbeOutcome probe(ProbeEngine engine, int port, String service) {
        return engine.probe(request(port, service)).join();
    }

    private static ProbeRequest request(int port, String service) {
        PortSpec spec = new PortSpec(port, null, null, Protocol.GRPC, "", null, new GrpcOptions(service), null, null, false, 0);
        return new ProbeRequest("127.0.0.1", port, spec, Duration.ofSeconds(5));
    }
}
