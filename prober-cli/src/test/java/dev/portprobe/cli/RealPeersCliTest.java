package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.TestPki;
import dev.portprobe.testing.system.NginxServer;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI against real servers: nginx from Debian's package, grpc-java servers that demand client certificates. */
class RealPeersCliTest {
    private static final List<String> RESULT_FIELDS = List.of("name", "kind", "workload", "port", "targetPort", "usage",
            "expected", "observed", "status", "required", "endpoint", "pod", "latencyMs", "detail", "hint", "drift");

    @Test
    void directModeAgainstNginxGivesOkRefusedAndTimeoutWithTheDesignJson(@TempDir Path dir) throws Exception {
        try (NginxServer nginx = NginxServer.start();
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int closed = CliContractTest.closedPort();
            Path profile = dir.resolve("direct.yaml");
            Files.writeString(profile, """
                    apiVersion: portprobe/v1
                    name: direct-demo
                    namespace: demo
                    services:
                      - name: web
                        ports:
                          - {port: %d, protocol: http, usage: nginx HTTP}
                      - name: gone
                        ports:
                          - {port: %d, protocol: http, usage: nothing listens}
                      - name: stuck
                        ports:
                          - {port: %d, protocol: grpc, usage: accepts and never answers}
                    """.formatted(nginx.httpPort, closed, silent.getLocalPort()));
            CliRun run = CliRun.of("probe", "-p", profile.toString(), "--host", "127.0.0.1", "--timeout", "3s", "-o", "json");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("schema").asString()).isEqualTo("portprobe/v1");
            assertThat(json.get("profile").asString()).isEqualTo("direct-demo");
            assertThat(json.get("mode").asString()).isEqualTo("direct");
            assertThat(json.get("namespace").asString()).isEqualTo("demo");
            assertThat(json.get("startedAt").asString()).endsWith("Z");
            assertThat(json.get("summary").toString()).isEqualTo("{\"total\":3,\"ok\":1,\"failed\":2,\"skipped\":0,\"warnings\":0}");
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode r : json.get("results")) {
                List<String> fields = new java.util.ArrayList<>();
                fields.addAll(r.propertyNames());
                assertThat(fields).containsSubsequence(RESULT_FIELDS);
                byName.put(r.get("name").asString(), r);
            }
            assertThat(byName.get("web").get("status").asString()).isEqualTo("OK");
            assertThat(byName.get("web").get("observed").asString()).isEqualTo("http");
            assertThat(byName.get("web").get("hint").isNull()).isTrue();
            assertThat(byName.get("gone").get("status").asString()).isEqualTo("REFUSED");
            assertThat(byName.get("gone").get("observed").isNull()).isTrue();
            JsonNode stuck = byName.get("stuck");
            assertThat(stuck.get("status").asString()).isEqualTo("TIMEOUT");
            assertThat(stuck.get("observed").asString()).isEqualTo("silent");
            // The silent port is given up at its deadline, not before (an upper bound would only measure the load).
            assertThat(stuck.get("latencyMs").asDouble()).isGreaterThanOrEqualTo(2900.0);
            assertThat(stuck.get("hint").asString()).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void checkExpectMtlsPassesWhenTheServerDemandsAClientCertificate(String version) throws Exception {
        try (TestPki pki = new TestPki();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING),
                     pki.grpcServer(ClientAuth.REQUIRE, version))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.port(), "--expect", "mtls", "-o", "json");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode result = new ObjectMapper().readTree(run.out()).get("results").get(0);
            assertThat(result.get("status").asString()).isEqualTo("OK");
            assertThat(result.get("detail").asString()).contains("client certificate required");
            assertThat(result.get("tls").get("clientCertRequested").asBoolean()).isTrue();
        }
    }

    @Test
    void grpcMtlsWithCredentialsIsServingAndWithoutThemAPlainGrpcExpectationSeesMtls() throws Exception {
        try (TestPki pki = new TestPki();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), pki.grpcServer(ClientAuth.REQUIRE))) {
            ClientTls creds = pki.withClientCertificate();
            String address = "127.0.0.1:" + server.port();
            CliRun ok = CliRun.of("check", address, "--expect", "grpc-mtls", "--cert", creds.cert().toString(),
                    "--key", creds.key().toString(), "--ca", creds.ca().toString(), "--server-name", "localhost");
            assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("SERVING");

            CliRun plain = CliRun.of("check", address, "--expect", "grpc", "-o", "json");
            assertThat(plain.exitCode()).isEqualTo(1);
            JsonNode result = new ObjectMapper().readTree(plain.out()).get("results").get(0);
            assertThat(result.get("status").asString()).isEqualTo("WRONG_PROTOCOL");
            assertThat(result.get("observed").asString()).isEqualTo("mtls");
            assertThat(result.get("hint").asString()).contains("-mtls");
        }
    }

    @Test
    void aTlsPortWithoutClientAuthenticationIsNotMtls() throws Exception {
        try (TestPki pki = new TestPki();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), pki.grpcServer(ClientAuth.NONE))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.port(), "--expect", "mtls", "-o", "json");
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode result = new ObjectMapper().readTree(run.out()).get("results").get(0);
            assertThat(result.get("status").asString()).isEqualTo("WRONG_PROTOCOL");
            assertThat(result.get("observed").asString()).isEqualTo("tls");
            assertThat(result.get("hint").asString()).contains("mTLS is not enforced");
        }
    }

    @Test
    void theKeyFileNeverAppearsInAnyOutput(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("bad.key");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n");
        Path cert = dir.resolve("c.pem");
        Files.writeString(cert, "not a certificate");
        CliRun run = CliRun.of("check", "127.0.0.1:1", "--expect", "mtls", "--cert", cert.toString(), "--key", key.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA").doesNotContain("PRIVATE KEY");
    }
}
