package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Ports;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** identify tells gRPC from h2, and its JSON follows the report's conventions. */
class IdentifyCliTest {

    @Test
    void identifyNamesAGrpcServerGrpcNotH2() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), null)) {
            CliRun run = CliRun.of("identify", "127.0.0.1:" + server.port());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("127.0.0.1:" + server.port() + "  grpc  gRPC health: SERVING");
        }
    }

    @Test
    void identifyJsonHasTheSchemaAndTheReportsFieldNames() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            CliRun run = CliRun.of("identify", "127.0.0.1:" + server.getPort(), "-o", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("schema").asString()).isEqualTo("portprobe/v1");
            assertThat(json.get("endpoint").asString()).isEqualTo("127.0.0.1:" + server.getPort());
            assertThat(json.get("observed").asString()).isEqualTo("http");
            assertThat(json.get("status").asString()).isEqualTo("OK");
            assertThat(json.get("tls").isNull()).isTrue();
            assertThat(List.of(json.propertyNames().iterator().next())).containsExactly("schema");
            assertThat(run.out()).as("the report's layout: two-space indent, no space before the colon")
                    .contains("\n  \"endpoint\": ");
        }
    }

    @Test
    void identifyJsonOfAClosedPortSaysRefusedWithObservedNull() throws Exception {
        CliRun run = CliRun.of("identify", "127.0.0.1:" + Ports.closed(), "-o", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("observed").isNull()).isTrue();
        assertThat(json.get("status").asString()).isEqualTo("REFUSED");
    }
}
