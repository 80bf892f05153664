package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.TestScopes;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING;
import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.ScriptedServer;
import dev.portprobe.testing.TestPki;
import io.netty.handler.ssl.ClientAuth;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcProbeTest {
    private final ProbeEngine engine = new ProbeEngine();
    private final TestPki pki = new TestPki();

    @AfterAll
    void close() throws Exception {
        engine.close();
        pki.close();
    }

    @Test
    void reportsOkWhenTheHealthServiceSaysServing() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.GRPC);
            assertThat(outcome.detail()).isEqualTo("gRPC health: SERVING");
            assertThat(outcome.healthServing()).as("the typed fact learn reads").isTrue();
            assertThat(outcome.tls()).isNull();
        }
    }

    @Test
    void reportsUnhealthyWhenTheNamedServiceIsNotServing() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING, "ext-auth", NOT_SERVING), null)) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "ext-auth");
            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.observed()).isEqualTo(Observed.GRPC);
            assertThat(outcome.detail()).contains("NOT_SERVING").contains("ext-auth");
            assertThat(outcome.healthServing()).isFalse();
        }
    }

    @Test
    void reportsUnhealthyNamingTheServiceWhenTheHealthServiceDoesNotKnowIt() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "ratelimit");
            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.observed()).isEqualTo(Observed.GRPC);
            assertThat(outcome.detail()).contains("does not know the service name 'ratelimit'");
        }
    }

    @Test
    void reportsOkWithoutHealthServiceWhenGrpcAnswersUnimplemented() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.reflectionOnly()) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.GRPC);
            assertThat(outcome.detail()).isEqualTo("gRPC answered; no health service (UNIMPLEMENTED)");
            assertThat(outcome.healthServing()).as("OK proves gRPC, not a SERVING health service").isFalse();
        }
    }

    @Test
    void reportsWrongProtocolH2WhenAnHttp2ServerThatIsNotGrpcAnswers404() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Http2NotFound())) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.H2);
            assertThat(outcome.detail()).contains(":status 404").contains("text/plain");
        }
    }

    // An HTTP/1.1 server answering like nginx: MockWebServer 5.5 answers neither the HTTP/2 preface (it waits)
    // nor a ClientHello (it drops the connection), so it cannot stand in for an HTTP/1.1 server here.
    @Test
    void reportsWrongProtocolHttpWhenHttp1AnswersOnGrpcPort() throws Exception {
        try (ScriptedServer http = ScriptedServer.start(new ScriptedServer.Http1BadRequest())) {
            ProbeOutcome outcome = probe(engine, http.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.detail()).contains("HTTP/1.1 400");
        }
    }

    @Test
    void reportsWrongProtocolTlsWhenTlsAnswersOnPlaintextGrpcPort() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Tls(pki.nettyServer(ClientAuth.NONE)))) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.hint()).contains("use grpc-tls");
        }
    }

    @Test
    void asksTheIdentifierWhetherTlsOnPlaintextGrpcPortDemandsClientCertificates() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Tls(pki.nettyServer(ClientAuth.REQUIRE)))) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
        }
    }

    @Test
    void reportsWrongProtocolRedisWhenRespAnswersThePreface() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.RespErrors())) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.REDIS);
        }
    }

    @Test
    void reportsWrongProtocolH2WhenTheServerSendsGoAwayRightAfterThePreface() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.GoAwayAfterPreface())) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "", Duration.ofSeconds(2));
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.H2);
            assertThat(outcome.detail()).contains("GOAWAY");
        }
    }

    @Test
    void reportsRefusedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        ProbeOutcome outcome = probe(engine, port, Protocol.GRPC, "");
        assertThat(outcome.status()).isEqualTo(Status.REFUSED);
        assertThat(outcome.observed()).isNull();
    }

    @Test
    void reportsTimeoutSilentWhenTheListenerNeverAnswers() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Silent())) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC, "", Duration.ofMillis(400));
            assertThat(outcome.status()).isEqualTo(Status.TIMEOUT);
            assertThat(outcome.observed()).isEqualTo(Observed.SILENT);
        }
    }

    @Test
    void reportsOkForGrpcTlsWithoutVerifyingByDefault() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.NONE))) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).isEqualTo("gRPC health: SERVING");
            assertThat(outcome.tls()).isNotNull();
            assertThat(outcome.tls().sans()).contains("127.0.0.1");
            assertThat(outcome.tls().verified()).isNull();
        }
    }

    @Test
    void reportsOkForGrpcTlsWhenTheCertificateVerifiesAgainstTheCa() throws Exception {
        try (ProbeEngine verifying = new ProbeEngine(EngineOptions.defaults().withClientTls(pki.verifying()));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.NONE))) {
            ProbeOutcome outcome = probe(verifying, server.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.tls().verified()).isTrue();
        }
    }

    @Test
    void reportsTlsErrorForGrpcTlsWhenTheCertificateIsNotSignedByTheCa() throws Exception {
        try (ProbeEngine verifying = new ProbeEngine(EngineOptions.defaults().withClientTls(pki.verifying()));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), TestPki.untrustedGrpcServer())) {
            ProbeOutcome outcome = probe(verifying, server.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.TLS_ERROR);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.detail()).startsWith("handshake: ");
        }
    }

    @Test
    void reportsWrongProtocolHttpForGrpcTlsWhenPlaintextHttpAnswers() throws Exception {
        try (ScriptedServer http = ScriptedServer.start(new ScriptedServer.Http1BadRequest())) {
            ProbeOutcome outcome = probe(engine, http.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
        }
    }

    @Test
    void reportsWrongProtocolH2ForGrpcTlsWhenPlaintextGrpcAnswers() throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.H2);
            assertThat(outcome.hint()).contains("expect grpc (without TLS)");
        }
    }

    @Test
    void reportsWrongProtocolTlsForGrpcTlsWhenTheServerDoesNotAgreeToH2() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(new ScriptedServer.Tls(pki.nettyServer(ClientAuth.NONE)))) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC_TLS, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.detail()).contains("ALPN");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsOkForGrpcMtlsWhenTheClientCertificateIsAccepted(String tlsVersion) throws Exception {
        try (ProbeEngine mtls = new ProbeEngine(EngineOptions.defaults().withClientTls(pki.withClientCertificate()));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.REQUIRE, tlsVersion))) {
            ProbeOutcome outcome = probe(mtls, server.port(), Protocol.GRPC_MTLS, "");
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).isEqualTo("gRPC health: SERVING");
            assertThat(outcome.tls().version()).isEqualTo(tlsVersion);
            assertThat(outcome.tls().clientCertRequested()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsTlsErrorForGrpcMtlsWhenTheServerDoesNotTrustTheClientCertificate(String tlsVersion) throws Exception {
        try (TestPki otherPki = new TestPki();
             ProbeEngine mtls = new ProbeEngine(EngineOptions.defaults().withClientTls(otherPki.clientCertificateOnly()));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.REQUIRE, tlsVersion))) {
            // a fresh engine's first gRPC TLS context: a generous deadline, the verdict comes at the handshake's end
            ProbeOutcome outcome = probe(mtls, server.port(), Protocol.GRPC_MTLS, "", Duration.ofSeconds(30));
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.TLS_ERROR);
            assertThat(outcome.detail()).startsWith("handshake: ");
        }
    }

    /**
     * The verdict comes at the handshake's end, not from the clock: a generous deadline (as in GrpcAlpnTest), since the
     * first gRPC TLS context of a cold JVM and a TLS 1.2 handshake with a certificate request take seconds under load.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsAFailedHandshakeForGrpcTlsWhenTheServerDemandsAClientCertificate(String tlsVersion) throws Exception {
        try (GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.REQUIRE, tlsVersion))) {
            ProbeOutcome outcome = probe(engine, server.port(), Protocol.GRPC_TLS, "", Duration.ofSeconds(30));
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
            assertThat(outcome.detail()).startsWith("handshake: ");
        }
    }

    @Test
    void reportsWrongProtocolTlsForGrpcMtlsWhenTheServerNeverAsksForTheClientCertificate() throws Exception {
        try (ProbeEngine mtls = new ProbeEngine(EngineOptions.defaults().withClientTls(pki.clientCertificateOnly()));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.NONE))) {
            ProbeOutcome outcome = probe(mtls, server.port(), Protocol.GRPC_MTLS, "");
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.hint()).contains("mTLS is not enforced");
        }
    }

    @Test
    void reportsErrorWithoutQuotingTheKeyWhenTheClientKeyCannotBeRead() throws Exception {
        ClientTls broken = new ClientTls(null, pki.withClientCertificate().cert(), pki.withClientCertificate().ca());
        try (ProbeEngine mtls = new ProbeEngine(EngineOptions.defaults().withClientTls(broken));
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", SERVING), pki.grpcServer(ClientAuth.REQUIRE))) {
            ProbeOutcome outcome = probe(mtls, server.port(), Protocol.GRPC_MTLS, "");
            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.detail()).startsWith("handshake: cannot build the TLS context").doesNotContain("BEGIN");
        }
    }

    @Test
    void handsGrpcMtlsWithoutClientCertificateToTheMtlsProbe() throws Exception {
        ProbeOutcome fromMtlsProbe = ProbeOutcome.ok(Observed.MTLS, "from the mTLS probe");
        GrpcProbe probe = new GrpcProbe((scope, request) -> java.util.concurrent.CompletableFuture.completedFuture(fromMtlsProbe));
        ProbeRequest request = request(1, Protocol.GRPC_MTLS, "", Duration.ofSeconds(1));
        ProbeOutcome outcome = TestScopes.inScope(engine, request, scope -> probe.probe(scope, request).join());
        assertThat(outcome).isSameAs(fromMtlsProbe);
    }

    @Test
    void closesEveryConnectionItOpensWhateverAnswers() throws Exception {
        var os = (com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (ScriptedServer silent = ScriptedServer.start(new ScriptedServer.Silent());
             ScriptedServer http = ScriptedServer.start(new ScriptedServer.Http1BadRequest());
             ScriptedServer tls = ScriptedServer.start(new ScriptedServer.Tls(pki.nettyServer(ClientAuth.NONE)));
             GrpcTestServer grpc = GrpcTestServer.withHealth(Map.of("", SERVING), null)) {
            int[] ports = {silent.port(), http.port(), tls.port(), grpc.port()};
            probeAll(ports, 25); // also starts every event loop thread of the engine and the servers (each holds fds)
            long before = os.getOpenFileDescriptorCount();
            probeAll(ports, 25);
            long after = os.getOpenFileDescriptorCount();
            for (int i = 0; i < 50 && after > before + 8; i++) {
                Thread.sleep(100); // the servers close their side when they read the FIN
                after = os.getOpenFileDescriptorCount();
            }
            assertThat(after).as("open file descriptors after 100 checks").isLessThanOrEqualTo(before + 8);
        }
    }

    private void probeAll(int[] ports, int rounds) {
        List<java.util.concurrent.CompletableFuture<ProbeOutcome>> all = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (int port : ports) {
                all.add(engine.probe(request(port, Protocol.GRPC, "", Duration.ofMillis(300))));
            }
        }
        all.forEach(f -> assertThat(f.join().status()).isNotEqualTo(Status.ERROR));
    }

    private static ProbeOutcome probe(ProbeEngine engine, int port, Protocol protocol, String service) {
        return probe(engine, port, protocol, service, Duration.ofSeconds(3));
    }

    private static ProbeOutcome probe(ProbeEngine engine, int port, Protocol protocol, String service, Duration timeout) {
        return engine.probe(request(port, protocol, service, timeout)).join();
    }

    static ProbeRequest request(int port, Protocol protocol, String service, Duration timeout) {
        PortSpec spec = new PortSpec(port, null, null, protocol, "", null, new GrpcOptions(service), null, null, false, 0);
        return new ProbeRequest("127.0.0.1", port, spec, timeout);
    }
}
