package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.netty.handler.ssl.ClientAuth;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TlsProbeTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ProbeEngine ENGINE = new ProbeEngine();
    private static final ProbeEngine VERIFYING = new ProbeEngine(EngineOptions.defaults().withClientTls(CERTS.withCa()));
    private static final ProbeEngine WITH_CLIENT_CERT =
            new ProbeEngine(EngineOptions.defaults().withClientTls(CERTS.withClientCertificate()));

    @AfterAll
    static void closeEngines() {
        ENGINE.close();
        VERIFYING.close();
        WITH_CLIENT_CERT.close();
    }

    @Test
    void reportsVersionCipherAlpnAndTheServerCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).alpn("h2", "http/1.1").start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            TlsInfo tls = outcome.tls();
            assertThat(tls.version()).isEqualTo("TLSv1.3");
            assertThat(tls.cipher()).startsWith("TLS_");
            assertThat(tls.alpn()).isEqualTo("h2");
            assertThat(tls.subject()).isEqualTo("CN=localhost");
            assertThat(tls.sans()).containsExactly("localhost", "127.0.0.1");
            assertThat(tls.notAfter()).isEqualTo(CERTS.server.certificate().getNotAfter().toInstant());
            assertThat(tls.clientCertRequested()).isFalse();
            assertThat(tls.verified()).isNull();
            assertThat(outcome.detail()).startsWith("TLS: TLSv1.3 ").contains(", ALPN h2; certificate CN=localhost")
                    .doesNotContain("WARNING");
        }
    }

    @Test
    void negotiatesTls12WhenThatIsAllTheServerSpeaks() {
        try (TlsServer server = TlsServer.builder(CERTS.server).protocol("TLSv1.2").start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.tls().version()).isEqualTo("TLSv1.2");
            assertThat(outcome.tls().alpn()).isNull();
        }
    }

    @Test
    void warnsWhenTheCertificateExpiresWithinFourteenDays() {
        try (TlsServer server = TlsServer.builder(CERTS.soonExpiringServer).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("WARNING: the certificate expires in 4 days");
            assertThat(outcome.tls().notAfter()).isBefore(Instant.now().plus(Duration.ofDays(14)));
        }
    }

    @Test
    void acceptsAnExpiredCertificateWithoutCaButSaysSo() {
        try (TlsServer server = TlsServer.builder(CERTS.expiredServer).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("WARNING: the certificate expired on");
        }
    }

    @Test
    void trustsACertificateForAnotherNameFromAnotherCaWithoutCa() {
        try (TlsServer server = TlsServer.builder(CERTS.wrongSanServer).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.tls().sans()).containsExactly("elsewhere.example", "10.9.8.7");
        }
    }

    @Test
    void reportsAnUnusableCertificateFileAsAnErrorNamingTheFile() {
        java.nio.file.Path missing = CERTS.file("missing-client.pem");
        ClientTls tls = new ClientTls(null, missing, CERTS.file("client.key"));
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withClientTls(tls));
             TlsServer server = TlsServer.builder(CERTS.server).start()) {
            ProbeOutcome outcome = engine.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.detail()).isEqualTo("tls: " + missing + ": no such file");
            assertThat(outcome.hint()).startsWith("the --ca/--cert/--key files cannot be used");
        }
    }

    @Test
    void verifiesChainAndNameWhenACaIsGiven() {
        try (TlsServer server = TlsServer.builder(CERTS.server).start()) {
            ProbeOutcome outcome = VERIFYING.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.tls().verified()).isTrue();
            assertThat(outcome.detail()).contains("verified against --ca");
        }
    }

    @Test
    void reportsAnExpiredCertificateAsTlsErrorWhenVerifying() {
        ProbeOutcome outcome = verifying(CERTS.expiredServer, Requests::to);

        assertThat(outcome.status()).isEqualTo(Status.TLS_ERROR);
        assertThat(outcome.observed()).isEqualTo(Observed.TLS);
        assertThat(outcome.detail()).isEqualTo("handshake: the certificate of CN=expired.localhost expired on "
                + CERTS.expiredServer.certificate().getNotAfter().toInstant());
        assertThat(outcome.hint()).startsWith("the server certificate has expired");
    }

    @Test
    void reportsACertificateForAnotherNameAsTlsErrorWhenVerifying() {
        ProbeOutcome outcome = verifying(CERTS.wrongSanServer, Requests::to);

        assertThat(outcome.status()).isEqualTo(Status.TLS_ERROR);
        assertThat(outcome.detail()).isEqualTo("handshake: the certificate of CN=elsewhere names "
                + "[elsewhere.example, 10.9.8.7], not 127.0.0.1");
        assertThat(outcome.hint()).startsWith("the certificate does not cover 127.0.0.1: set tls.serverName");
    }

    @Test
    void verifiesAgainstTheProfilesServerNameInsteadOfTheDialedHost() {
        ProbeOutcome outcome = verifying(CERTS.wrongSanServer, (port, p) -> Requests.named(port, p, "elsewhere.example"));

        assertThat(outcome.status()).isEqualTo(Status.OK);
        assertThat(outcome.tls().verified()).isTrue();
    }

    @Test
    void reportsACertificateFromAnUnknownCaAsTlsErrorWhenVerifying() {
        ProbeOutcome outcome = verifying(CERTS.foreignServer, Requests::to);

        assertThat(outcome.status()).isEqualTo(Status.TLS_ERROR);
        assertThat(outcome.detail()).isEqualTo("handshake: the certificate of CN=localhost (issuer CN=some other CA) "
                + "is not signed by a CA given with --ca");
        assertThat(outcome.hint()).startsWith("the certificate is not signed by the CA given with --ca");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsMtlsWhenTheServerDemandsACertificateWeDoNotHave(String version) {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol(version).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
            assertThat(outcome.hint()).startsWith("the port demands a client certificate (mTLS): expect mtls");
        }
    }

    @Test
    void presentsTheClientCertificateWhenGiven() {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).start()) {
            ProbeOutcome outcome = WITH_CLIENT_CERT.probe(Requests.to(server.port(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).startsWith("TLS with client certificate: ");
        }
    }

    @Test
    void reportsHttpWhenAPlaintextHttpServerAnswers() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.getPort(), Protocol.TLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.hint()).startsWith("the port speaks plaintext HTTP, not TLS");
        }
    }

    private interface RequestFor {
        ProbeRequest make(int port, Protocol protocol);
    }

    private static ProbeOutcome verifying(HeldCertificate cert, RequestFor request) {
        try (TlsServer server = TlsServer.builder(cert).start()) {
            return VERIFYING.probe(request.make(server.port(), Protocol.TLS)).join();
        }
    }
}
