package dev.portprobe.probe.identify;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ClientTls;

import dev.portprobe.outcome.Observed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.H2cServer;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.HostileServer.Misbehaviour;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.OneAtATimeServer;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.RespServer;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.netty.handler.ssl.ClientAuth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProtocolIdentifierTest {
    private static final TestCertificates CERTS = TestCertificates.get();
    private static final ProbeEngine ENGINE = new ProbeEngine();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    /** A server kind, how to start it, and what the identifier must name. */
    record Kind(String name, Supplier<AutoCloseable> start, Observed observed, String detailPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(
                new Kind("plain HTTP/1.1 (MockWebServer)", () -> HttpServers.plain(() -> HttpServers.status(200)), Observed.HTTP, "HTTP/1.1 200"),
                new Kind("TLS with ALPN h2", () -> TlsServer.builder(CERTS.server).alpn("h2", "http/1.1").start(), Observed.TLS, "ALPN h2"),
                new Kind("TLS with ALPN http/1.1", () -> TlsServer.builder(CERTS.server).alpn("http/1.1").start(), Observed.TLS, "ALPN http/1.1"),
                new Kind("TLS 1.2 without ALPN", () -> TlsServer.builder(CERTS.server).protocol("TLSv1.2").start(), Observed.TLS, "TLSv1.2"),
                new Kind("mTLS required, TLS 1.2", () -> TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol("TLSv1.2").start(), Observed.MTLS, "asked for a client certificate"),
                new Kind("mTLS required, TLS 1.3", () -> TlsServer.builder(CERTS.server).clientAuth(ClientAuth.REQUIRE).protocol("TLSv1.3").start(), Observed.MTLS, "asked for a client certificate"),
                new Kind("HTTPS (MockWebServer)", () -> HttpServers.https(() -> HttpServers.status(200)), Observed.TLS, "CN=localhost"),
                new Kind("HTTP/2 cleartext", H2cServer::new, Observed.H2, "SETTINGS"),
                new Kind("Redis", () -> new RespServer(null), Observed.REDIS, "RESP"),
                new Kind("Redis with a password", () -> new RespServer("pw"), Observed.REDIS, "-NOAUTH"),
                new Kind("an SSH banner", () -> new HostileServer(new Misbehaviour.Garbage(
                        "SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII))), Observed.UNKNOWN, "first bytes \"SSH-2.0-OpenSSH_9.2p1\\r\\n\" (banner)"),
                new Kind("garbage", () -> new HostileServer(new Misbehaviour.Garbage(HostileServer.GARBAGE)), Observed.UNKNOWN, "\\x00\\xff\\x137"),
                new Kind("an HTTP/2 GOAWAY after the preface", () -> new HostileServer(new Misbehaviour.GoawayAfterPreface()), Observed.H2, "GOAWAY"),
                new Kind("a server that accepts and closes", () -> new HostileServer(new Misbehaviour.AcceptThenClose()), Observed.UNKNOWN, Hints.CLOSED_WITHOUT_REPLY),
                new Kind("a TLS handshake that stalls", () -> new HostileServer(new Misbehaviour.TlsHandshakeStall()), Observed.TLS, "TLS"));
    }

    static Stream<Kind> grpcKinds() {
        return Stream.of(
                new Kind("gRPC with a health service", () -> GrpcTestServer.withHealth(
                        java.util.Map.of("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING), null),
                        Observed.GRPC, "gRPC health: SERVING"),
                new Kind("gRPC without a health service", GrpcTestServer::reflectionOnly, Observed.GRPC, "no health service"));
    }

    /** After the h2 answer, one health Check tells gRPC apart; a deadline with room for a loaded machine's first call. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("grpcKinds")
    void tellsGrpcFromPlainH2WithOneHealthCheck(Kind kind) throws Exception {
        try (AutoCloseable server = kind.start().get()) {
            Identification id = ENGINE.identify(Requests.to(port(server), Protocol.TCP, Duration.ofSeconds(10))).join();

            assertThat(id.observed()).as(id.detail()).isEqualTo(kind.observed());
            assertThat(id.detail()).contains(kind.detailPart()).contains("HTTP/2 SETTINGS");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void namesWhatAnswers(Kind kind) throws Exception {
        try (AutoCloseable server = kind.start().get()) {
            Identification id = ENGINE.identify(Requests.to(port(server), Protocol.TCP, Duration.ofSeconds(3))).join();

            assertThat(id.observed()).as(id.detail()).isEqualTo(kind.observed());
            assertThat(id.detail()).contains(kind.detailPart());
            assertThat(id.refused()).isFalse();
        }
    }

    @Test
    void reportsTheTlsFactsOfATlsPort() {
        try (TlsServer server = TlsServer.builder(CERTS.server).alpn("h2").start()) {
            Identification id = ENGINE.identify(Requests.to(server.port(), Protocol.TCP)).join();

            assertThat(id.tls().alpn()).isEqualTo("h2");
            assertThat(id.tls().subject()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void reportsSilentForAListenerThatNeverAnswers() {
        try (HostileServer server = new HostileServer(new Misbehaviour.AcceptThenSilence())) {
            Identification id = ENGINE.identify(Requests.to(server.port(), Protocol.TCP, Duration.ofMillis(600))).join();

            assertThat(id.observed()).isEqualTo(Observed.SILENT);
            assertThat(id.refused()).isFalse();
        }
    }

    /**
     * The verdict comes from the refusal, not from the clock: a generous deadline, since a cold JVM's first connects on
     * a loaded machine (two suites at once on 2 cores) can take seconds, and a connect that has not failed yet by the
     * deadline is rightly a timeout.
     */
    @Test
    void reportsRefusedWhenNothingListens() {
        Identification id = ENGINE.identify(Requests.to(Ports.closed(), Protocol.TCP, Duration.ofSeconds(10))).join();

        assertThat(id.observed()).as(id.detail()).isNull();
        assertThat(id.refused()).as(id.detail()).isTrue();
    }

    @Test
    void reportsRefusedWhenTheServerResetsEveryConnection() {
        try (HostileServer server = new HostileServer(new Misbehaviour.ResetAfterAccept())) {
            // the verdict comes from the resets: a generous deadline, as above
            Identification id = ENGINE.identify(Requests.to(server.port(), Protocol.TCP, Duration.ofSeconds(10))).join();

            assertThat(id.observed()).as(id.detail()).isNull();
            assertThat(id.refused()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OneAtATimeServer.Mode.class)
    void namesHttpOnAServerThatDislikesParallelConnections(OneAtATimeServer.Mode mode) {
        try (OneAtATimeServer server = new OneAtATimeServer(mode)) {
            Identification id = ENGINE.identify(Requests.to(server.port(), Protocol.TCP, Duration.ofSeconds(1))).join();

            assertThat(id.observed()).as(id.detail()).isEqualTo(Observed.HTTP);
            assertThat(id.refused()).isFalse();
        }
    }

    @Test
    void reportsSilentRatherThanRefusedWhenOnlyOneConnectionIsAcceptedAndItStaysQuiet() throws Exception {
        try (java.net.ServerSocket once = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptOnce = new Thread(() -> {
                try (java.net.Socket s = once.accept()) {
                    once.close();
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    // the identifier closed it
                }
            });
            acceptOnce.setDaemon(true);
            acceptOnce.start();

            Identification id = ENGINE.identify(Requests.to(once.getLocalPort(), Protocol.TCP, Duration.ofMillis(600))).join();

            assertThat(id.refused()).as(id.detail()).isFalse();
            assertThat(id.observed()).as(id.detail()).isEqualTo(Observed.SILENT);
        }
    }

    @Test
    void namesAnHttp400PortWithoutTheTlsStepWhenTheClientCertificateFilesCannotBeUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("missing.pem");
        EngineOptions options = EngineOptions.defaults().withClientTls(new ClientTls(null, missing, missing));
        try (ProbeEngine engine = new ProbeEngine(options);
             mockwebserver3.MockWebServer server = HttpServers.plain(() -> HttpServers.status(400))) {
            Identification id = engine.identify(Requests.to(server.getPort(), Protocol.TCP)).join();

            assertThat(id.observed()).as(id.detail()).isEqualTo(Observed.HTTP);
            assertThat(id.detail()).startsWith("answered \"HTTP/1.1 400");
        }
    }

    static int port(AutoCloseable server) {
        if (server instanceof dev.portprobe.testing.LoopbackServer s) {
            return s.port();
        }
        if (server instanceof GrpcTestServer g) {
            return g.port();
        }
        return ((mockwebserver3.MockWebServer) server).getPort();
    }
}
