package dev.portprobe.probe.grpc;

import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;

import dev.portprobe.outcome.ProbeOutcome;

import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING;
import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.GrpcTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Checks of one gRPC address share a connection; a shared connection only ever confirms an OK gRPC answer, and
 * every connection is closed once nothing may share it. Connections are counted on the server, so a test fails
 * if one is left open.
 */
class GrpcConnectionsTest {

    @Test
    void checksOfOneAddressRunOnOneConnectionWhateverTheServiceName() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING, "ext-auth", SERVING), null)) {
            try (ProbeEngine engine = new ProbeEngine()) {
                assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
                assertThat(probe(engine, server.port(), "ext-auth").status()).isEqualTo(Status.OK);
                List<CompletableFuture<ProbeOutcome>> many = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    many.add(engine.probe(request(server.port(), i % 2 == 0 ? "" : "ext-auth")));
                }
                assertThat(many).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(Status.OK));
                assertThat(server.connections()).isEqualTo(1);
                assertThat(server.openConnections()).isEqualTo(1);
            }
            awaitOpenConnections(server, 0); // the engine closed the shared connection
        }
    }

    @Test
    void aCheckThatIsNotOkOnASharedConnectionRetiresItSoTheNextCheckDialsAnew() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING, "ext-auth", NOT_SERVING), null);
             ProbeEngine engine = new ProbeEngine()) {
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            ProbeOutcome unhealthy = probe(engine, server.port(), "ext-auth");
            assertThat(unhealthy.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(unhealthy.detail()).contains("NOT_SERVING");
            awaitOpenConnections(server, 0);
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void aSharedConnectionWhoseServerIsGoneIsDroppedAndTheCheckDialsItsOwn() throws Exception {
        try (ProbeEngine engine = new ProbeEngine()) {
            int port;
            try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
                port = server.port();
                assertThat(probe(engine, port, "").status()).isEqualTo(Status.OK);
            }
            // The shared connection is gone with its server; only a connection of the check's own can tell what
            // is there now: nothing, so REFUSED, not an HTTP/2 error from the old connection.
            ProbeOutcome gone = probe(engine, port, "");
            assertThat(gone.status()).isEqualTo(Status.REFUSED);
            assertThat(gone.detail()).contains("refused");
        }
    }

    @Test
    void afterForgetConnectionsTheNextCheckDialsAnewAndTheOldConnectionCloses() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null);
             ProbeEngine engine = new ProbeEngine()) {
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(probe(engine, server.port(), "").status()).isEqualTo(Status.OK);
            assertThat(server.connections()).isEqualTo(1);
            engine.forgetConnections();
            awaitOpenConnections(server, 0);
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
            // One idle connection at most: the second server's pushes out the first's, which closes.
            assertThat(probe(engine, second.port(), "").status()).isEqualTo(Status.OK);
            awaitOpenConnections(first, 0);
            assertThat(second.openConnections()).isEqualTo(1);
            assertThat(probe(engine, first.port(), "").status()).isEqualTo(Status.OK);
            assertThat(first.connections()).isEqualTo(2);
        }
    }

    /** Waits (30 s at most: a loaded machine) for the server to see its connections close; they close asynchronously. */
    private static void awaitOpenConnections(GrpcTestServer server, int expected) throws InterruptedException {
        for (int i = 0; i < 3000 && server.openConnections() != expected; i++) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).isEqualTo(expected);
    }

    private static ProbeOutcome probe(ProbeEngine engine, int port, String service) {
        return engine.probe(request(port, service)).join();
    }

    private static ProbeRequest request(int port, String service) {
        PortSpec spec = new PortSpec(port, null, null, Protocol.GRPC, "", null, new GrpcOptions(service), null, null, false, 0);
        // every check here answers at once (OK, UNHEALTHY, REFUSED): a long deadline costs nothing, and on a loaded
        // machine a cold engine's first gRPC check can take more than 5 s
        return new ProbeRequest("127.0.0.1", port, spec, Duration.ofSeconds(30));
    }
}
