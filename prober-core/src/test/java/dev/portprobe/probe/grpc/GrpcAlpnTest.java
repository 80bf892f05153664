package dev.portprobe.probe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A grpc-tls port whose TLS server completes the handshake but does not select h2 in ALPN: grpc-go clients since 1.67
 * refuse such servers ("missing selected ALPN property"), so the report says so as its own finding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcAlpnTest {
    private final ProbeEngine engine = new ProbeEngine();

    @AfterAll
    void close() {
        engine.close();
    }

    /**
     * The verdict comes at the end of the handshake, so the deadline only bounds a hang: it is generous because the
     * first gRPC TLS context of a cold JVM can take seconds on a loaded machine, and a TIMEOUT would hide the finding.
     */
    private ProbeOutcome probe(int port) {
        return engine.probe(GrpcProbeTest.request(port, Protocol.GRPC_TLS, "", Duration.ofSeconds(30))).join();
    }

    @Test
    void saysThatGrpcGoClientsRefuseATlsServerThatSelectsOnlyHttp11() throws Exception {
        try (TlsServer server = TlsServer.builder(TestCertificates.get().server).alpn("http/1.1").start()) {
            ProbeOutcome outcome = probe(server.port());
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.detail()).isEqualTo("handshake: TLS completed, but the server did not select h2 in ALPN:"
                    + " gRPC clients refuse it (grpc-go since 1.67: \"missing selected ALPN property\")");
            assertThat(outcome.hint()).isEqualTo("if " + server.port() + " is a gRPC server, make it (or the proxy in"
                    + " front of it) offer h2 over ALPN; else check the table's protocol for this port");
        }
    }

    @Test
    void saysTheSameOfATlsServerWithoutAlpn() throws Exception {
        try (TlsServer server = TlsServer.builder(TestCertificates.get().server).start()) {
            ProbeOutcome outcome = probe(server.port());
            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.detail()).contains("did not select h2 in ALPN").contains("missing selected ALPN property");
        }
    }
}
