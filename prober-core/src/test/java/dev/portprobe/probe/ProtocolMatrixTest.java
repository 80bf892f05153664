package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static dev.portprobe.probe.ProtocolMatrixTest.Server.CLOSED;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.H2C;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.HTTP;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.HTTPS;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.MTLS12;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.MTLS13;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.NGINX_TLS;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.REDIS;
import static dev.portprobe.probe.ProtocolMatrixTest.Server.TLS;
import static dev.portprobe.outcome.Status.OK;
import static dev.portprobe.outcome.Status.REFUSED;
import static dev.portprobe.outcome.Status.WRONG_PROTOCOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.H2cServer;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.LoopbackServer;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.RespServer;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.netty.handler.ssl.ClientAuth;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every expected protocol against every kind of real server: the status and what is observed. */
class ProtocolMatrixTest {
    private static final ProbeEngine ENGINE = new ProbeEngine();
    private static final Map<Server, AutoCloseable> RUNNING = new EnumMap<>(Server.class);

    enum Server {
        HTTP("a plain HTTP server", () -> HttpServers.plain(() -> HttpServers.status(200))),
        HTTPS("an HTTPS server", () -> HttpServers.https(() -> HttpServers.status(200))),
        TLS("a TLS port without client auth", () -> TlsServer.builder(TestCertificates.get().server).alpn("h2", "http/1.1").start()),
        MTLS13("a TLS 1.3 port that requires client certificates",
                () -> TlsServer.builder(TestCertificates.get().server).clientAuth(ClientAuth.REQUIRE).protocol("TLSv1.3").start()),
        MTLS12("a TLS 1.2 port that requires client certificates",
                () -> TlsServer.builder(TestCertificates.get().server).clientAuth(ClientAuth.REQUIRE).protocol("TLSv1.2").start()),
        NGINX_TLS("a TLS port that answers plaintext with 400 (nginx)",
                () -> TlsServer.builder(TestCertificates.get().server).plaintextGets400().start()),
        REDIS("Redis", () -> new RespServer(null)),
        H2C("an HTTP/2 cleartext server", H2cServer::new),
        CLOSED("a closed port", () -> null);

        final String description;
        final Supplier<AutoCloseable> start;

        Server(String description, Supplier<AutoCloseable> start) {
            this.description = description;
            this.start = start;
        }
    }

    record Case(Protocol expected, Server server, Status status, Observed observed) {
        @Override
        public String toString() {
            return expected.id() + " on " + server.description + " -> " + status + (observed == null ? "" : " " + observed);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c(Protocol.TCP, HTTP, OK, Observed.TCP),
                c(Protocol.TCP, CLOSED, REFUSED, null),

                c(Protocol.HTTP, HTTP, OK, Observed.HTTP),
                c(Protocol.HTTP, HTTPS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.HTTP, TLS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.HTTP, MTLS13, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.HTTP, MTLS12, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.HTTP, NGINX_TLS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.HTTP, REDIS, WRONG_PROTOCOL, Observed.REDIS),
                c(Protocol.HTTP, H2C, WRONG_PROTOCOL, Observed.H2),
                c(Protocol.HTTP, CLOSED, REFUSED, null),

                c(Protocol.HTTPS, HTTP, WRONG_PROTOCOL, Observed.HTTP),
                c(Protocol.HTTPS, HTTPS, OK, Observed.HTTP),
                c(Protocol.HTTPS, TLS, OK, Observed.HTTP),
                c(Protocol.HTTPS, MTLS13, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.HTTPS, MTLS12, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.HTTPS, NGINX_TLS, OK, Observed.HTTP),
                c(Protocol.HTTPS, REDIS, WRONG_PROTOCOL, Observed.REDIS),
                c(Protocol.HTTPS, H2C, WRONG_PROTOCOL, Observed.H2),
                c(Protocol.HTTPS, CLOSED, REFUSED, null),

                c(Protocol.TLS, HTTP, WRONG_PROTOCOL, Observed.HTTP),
                c(Protocol.TLS, HTTPS, OK, Observed.TLS),
                c(Protocol.TLS, TLS, OK, Observed.TLS),
                c(Protocol.TLS, MTLS13, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.TLS, MTLS12, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.TLS, REDIS, WRONG_PROTOCOL, Observed.REDIS),
                c(Protocol.TLS, H2C, WRONG_PROTOCOL, Observed.H2),

                c(Protocol.MTLS, HTTP, WRONG_PROTOCOL, Observed.HTTP),
                c(Protocol.MTLS, HTTPS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.MTLS, TLS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.MTLS, MTLS13, OK, Observed.MTLS),
                c(Protocol.MTLS, MTLS12, OK, Observed.MTLS),
                c(Protocol.MTLS, REDIS, WRONG_PROTOCOL, Observed.REDIS),
                c(Protocol.MTLS, CLOSED, REFUSED, null),

                c(Protocol.REDIS, HTTP, WRONG_PROTOCOL, Observed.HTTP),
                c(Protocol.REDIS, TLS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.REDIS, MTLS13, WRONG_PROTOCOL, Observed.MTLS),
                c(Protocol.REDIS, NGINX_TLS, WRONG_PROTOCOL, Observed.TLS),
                c(Protocol.REDIS, REDIS, OK, Observed.REDIS),
                c(Protocol.REDIS, H2C, WRONG_PROTOCOL, Observed.H2),
                c(Protocol.REDIS, CLOSED, REFUSED, null));
    }

    @AfterAll
    static void closeAll() throws Exception {
        for (AutoCloseable s : RUNNING.values()) {
            if (s != null) {
                s.close();
            }
        }
        ENGINE.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatAnswersForEachExpectedProtocol(Case c) {
        ProbeOutcome outcome = ENGINE.probe(Requests.to(port(c.server()), c.expected())).join();

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(c.status());
        assertThat(outcome.observed()).as(outcome.detail()).isEqualTo(c.observed());
        if (c.status() != OK) {
            assertThat(outcome.hint()).isNotBlank();
        }
    }

    private static Case c(Protocol expected, Server server, Status status, Observed observed) {
        return new Case(expected, server, status, observed);
    }

    private static synchronized int port(Server server) {
        if (server == CLOSED) {
            return Ports.closed();
        }
        AutoCloseable running = RUNNING.computeIfAbsent(server, s -> s.start.get());
        return running instanceof LoopbackServer l ? l.port() : ((MockWebServer) running).getPort();
    }
}
