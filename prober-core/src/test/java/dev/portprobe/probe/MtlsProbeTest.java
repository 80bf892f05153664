package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.report.Status;
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

    @AfterAll
    static void closeEngines() {
        ENGINE.close();
        WITH_CLIENT_CERT.close();
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
}
