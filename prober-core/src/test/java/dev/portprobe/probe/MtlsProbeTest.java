package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MtlsProbeTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ProbeEngine ENGINE = new ProbeEngine();
    private static final ProbeEngine WITH_CLIENT_CERT =
            new ProbeEngine(EngineOptions.defaults().withClientTls(CERTS.withClientCertificate()));
    private static final ProbeEngine WITH_FOREIGN_CERT =
            new ProbeEngine(EngineOptions.defaults().withClientTls(CERTS.withForeignClientCertificate()));

    @AfterAll
    static void closeEngines() {
        ENGINE.close();
        WITH_CLIENT_CERT.close();
        WITH_FOREIGN_CERT.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void passesWhenTheServerRequiresAClientCertificate(String version) {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol(version).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
            assertThat(outcome.detail()).startsWith("TLS; client certificate required (mTLS enforced)")
                    .contains("CN=localhost").contains("localhost, 127.0.0.1").contains(version);
            assertThat(outcome.tls().clientCertRequested()).isTrue();
            assertThat(outcome.tls().subject()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void reportsTlsWithAHintWhenTheServerNeverAsksForAClientCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.NONE).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.hint()).contains("mTLS is not enforced on this port");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void passesWithAClientCertificateTheServerAccepts(String version) {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol(version).start()) {
            ProbeOutcome outcome = WITH_CLIENT_CERT.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("TLS with client certificate");
            assertThat(outcome.tls().verified()).isTrue();
        }
    }

    @Test
    void passesWhenNginxStyleHttpRefusesTheMissingCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).httpRequiresClientCertificate().start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).startsWith("TLS; client certificate required (mTLS enforced): HTTP answered "
                    + "\"HTTP/1.1 400 Bad Request\" about the missing certificate");
        }
    }

    @Test
    void passesButSaysSoWhenTheServerOnlyRequestsACertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.OPTIONAL).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).startsWith("TLS; client certificate requested but not required "
                    + "(HTTP answered \"HTTP/1.1 200 OK\" without one)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void reportsTlsErrorWhenTheServerRejectsOurClientCertificate(String version) {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol(version).start()) {
            ProbeOutcome outcome = WITH_FOREIGN_CERT.probe(Requests.to(server.port(), Protocol.MTLS)).join();

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.TLS_ERROR);
            assertThat(outcome.detail()).contains("the server rejected the client certificate");
            assertThat(outcome.hint()).startsWith("the server rejected the client certificate");
        }
    }

    @Test
    void servesGrpcMtlsWithoutClientCredentialsOverAlpnH2() {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).alpn("h2").start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.GRPC_MTLS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).startsWith("TLS; client certificate required (mTLS enforced)");
            assertThat(outcome.tls().alpn()).isEqualTo("h2");
        }
    }

    @Test
    void reportsRefusedWhenNothingListens() {
        int port = dev.portprobe.testing.Ports.closed();
        ProbeOutcome outcome = ENGINE.probe(Requests.to(port, Protocol.MTLS)).join();

        assertThat(outcome.status()).isEqualTo(Status.REFUSED);
        assertThat(outcome.observed()).isNull();
    }
}
