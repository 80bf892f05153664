package dev.portprobe.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.Target;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.TestPki;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.netty.handler.ssl.ClientAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain Gloo profile against gRPC ports that demand client certificates: the report names the -mtls variant. */
class MtlsModeAdviceTest {

    @Test
    void suggestsTheMtlsVariantWhenSeveralPlaintextGrpcPortsDemandClientCertificates() throws Exception {
        List<Check> checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-oss")).stream()
                .filter(c -> c.name().equals("gloo") && (c.port() == 9977 || c.port() == 9988))
                .toList();
        assertThat(checks).hasSize(2);
        try (TestPki pki = new TestPki();
             GrpcTestServer xds = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), pki.grpcServer(ClientAuth.REQUIRE));
             GrpcTestServer validation = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), pki.grpcServer(ClientAuth.REQUIRE));
             ProbeEngine engine = new ProbeEngine()) {
            Map<Integer, Integer> ports = Map.of(9977, xds.port(), 9988, validation.port());
            Report report = new ProbeRunner(engine, resolver(ports), new RunOptions(Duration.ofSeconds(3), 0, null), null)
                    .run("gloo-mesh-oss", checks);
            assertThat(report.results()).extracting(CheckResult::status).containsOnly(Status.WRONG_PROTOCOL);
            assertThat(report.results()).extracting(CheckResult::observed).containsOnly("mtls");
            assertThat(report.notes()).anySatisfy(n -> assertThat(n)
                    .contains("looks like it runs in mTLS mode").contains("-p gloo-mesh-oss-mtls")
                    .contains("gloo:9977").contains("gloo:9988"));
        }
    }

    @Test
    void saysNothingAboutMtlsModeForASingleSuchPort() throws Exception {
        List<Check> checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-oss")).stream()
                .filter(c -> c.name().equals("gloo") && c.port() == 9977).toList();
        try (TestPki pki = new TestPki();
             GrpcTestServer xds = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), pki.grpcServer(ClientAuth.REQUIRE));
             ProbeEngine engine = new ProbeEngine()) {
            Report report = new ProbeRunner(engine, resolver(Map.of(9977, xds.port())),
                    new RunOptions(Duration.ofSeconds(3), 0, null), null).run("gloo-mesh-oss", checks);
            assertThat(report.results().get(0).observed()).isEqualTo("mtls");
            assertThat(report.notes()).noneSatisfy(n -> assertThat(n).contains("mTLS mode"));
        }
    }

    /** Direct mode with the table's ports mapped to the test servers' ephemeral ports. */
    private static Resolver resolver(Map<Integer, Integer> ports) {
        return new Resolver() {
            @Override
            public String mode() {
                return "direct";
            }

            @Override
            public String namespace() {
                return null;
            }

            @Override
            public List<Resolution> resolveAll(List<Check> checks) {
                return checks.stream().<Resolution>map(c -> new Resolution.Targets(c,
                        List.of(Target.direct("127.0.0.1", ports.get(c.port()))))).toList();
            }

            @Override
            public void close() {
            }
        };
    }
}
