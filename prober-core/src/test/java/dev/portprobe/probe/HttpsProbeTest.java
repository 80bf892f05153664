package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.netty.handler.ssl.ClientAuth;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HttpsProbeTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ProbeEngine ENGINE = new ProbeEngine();
    private static final ProbeEngine WITH_CLIENT_CERT =
            new ProbeEngine(EngineOptions.defaults().withClientTls(CERTS.withClientCertificate()));

    @AfterAll
    static void closeEngines() {
        ENGINE.close();
        WITH_CLIENT_CERT.close();
    }

    @Test
    void runsTheHttpCheckOverTlsAndReportsBoth() {
        try (MockWebServer server = HttpServers.https(() -> HttpServers.status(200))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTPS, "/healthz", null)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.detail()).startsWith("HTTP/1.1 200 OK (GET /healthz) over TLSv1.3 ")
                    .contains("ALPN http/1.1").contains("certificate CN=localhost");
            assertThat(outcome.tls().subject()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void reportsUnhealthyOverTlsWhenTheStatusIsOutsideExpectStatus() {
        try (MockWebServer server = HttpServers.https(() -> HttpServers.status(500))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTPS, "/", "2xx")).join();

            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.tls()).isNotNull();
        }
    }

    @Test
    void reportsHttpWhenThePortSpeaksPlaintext() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.getPort(), Protocol.HTTPS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
        }
    }

    @Test
    void reportsMtlsWhenTheServerRefusesUsWithoutAClientCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.HTTPS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
        }
    }

    @Test
    void reportsMtlsWhenNginxStyleHttpAnswers400ForTheMissingCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).httpRequiresClientCertificate().start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.HTTPS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.MTLS);
            assertThat(outcome.detail()).contains("HTTP answered \"HTTP/1.1 400 Bad Request\" about the missing certificate");
        }
    }

    @Test
    void passesThroughMtlsWithAClientCertificate() {
        try (TlsServer server = TlsServer.builder(CERTS.server).httpRequiresClientCertificate().start()) {
            ProbeOutcome outcome = WITH_CLIENT_CERT.probe(Requests.to(server.port(), Protocol.HTTPS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).startsWith("HTTP/1.1 200 OK");
            assertThat(outcome.tls().clientCertRequested()).isTrue();
        }
    }
}
