package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Requests;
import dev.portprobe.testing.RespServer;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
    private static final ProbeEngine ENGINE = new ProbeEngine();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void reportsOkWithTheStatusLineAndSendsAPoliteGet() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, "/ready", null)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.detail()).isEqualTo("HTTP/1.1 200 OK (GET /ready)");
            RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
            assertThat(request.getRequestLine()).isEqualTo("GET /ready HTTP/1.1");
            assertThat(request.getHeaders().get("User-Agent")).isEqualTo("portprobe");
            assertThat(request.getHeaders().get("Connection")).isEqualTo("close");
            assertThat(request.getHeaders().get("Host")).isEqualTo("127.0.0.1:" + server.getPort());
        }
    }

    @Test
    void reportsUnhealthyWhenTheStatusIsOutsideExpectStatus() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(503))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, "/", "200-399")).join();

            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.detail()).contains("HTTP/1.1 503 Server Error").contains("expected 200-399");
            assertThat(outcome.hint()).contains("expectStatus (200-399)");
        }
    }

    @Test
    void reportsUnhealthyWhenAReadinessPathAnswersOutside200To399WithoutExpectStatus() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(503))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, "/-/ready", null)).join();

            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.detail()).contains("503").contains("GET /-/ready").contains("expected 200-399");
            assertThat(outcome.hint()).contains("200-399");
        }
    }

    @Test
    void passesARedirectOnAReadinessPathAsKubeletDoes() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(302))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, "/healthz", null)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("302");
        }
    }

    @Test
    void anyStatusProvesHttpWhenNoPathIsGivenAndTheDetailShowsIt() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(404))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, null, null)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("404").contains("(GET /)");
        }
    }

    @Test
    void passesAStatusInsideAClassList() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(404))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.http(server.getPort(), Protocol.HTTP, "/", "2xx,404")).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void reportsAMalformedExpectStatusAsAnErrorInsteadOfThrowing() {
        ProbeOutcome outcome = ENGINE.probe(Requests.http(1, Protocol.HTTP, "/", "two hundred")).join();

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.detail()).startsWith("profile: expectStatus \"two hundred\"");
    }

    @Test
    void decidesOnTheHeadersWithoutWaitingForTheBody() {
        // a body of one byte per 10 s: waiting for it would run into the deadline
        MockResponse slowBody = new MockResponse.Builder().code(200).body("x".repeat(1000))
                .throttleBody(1, 10, TimeUnit.SECONDS).build();
        try (MockWebServer server = HttpServers.plain(() -> slowBody)) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.getPort(), Protocol.HTTP)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void keepsTheHttpVerdictForA400FromAServerThatDoesNotSpeakTls() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(400))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.getPort(), Protocol.HTTP)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
            assertThat(outcome.detail()).startsWith("HTTP/1.1 400 Client Error");
        }
    }

    @Test
    void reportsTlsWhenATlsPortAnswersThePlaintextRequestWith400() {
        try (TlsServer server = TlsServer.builder(TestCertificates.get().server).plaintextGets400().start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.HTTP)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.detail()).contains("HTTP/1.1 400 Bad Request").contains("completes a TLS handshake");
            assertThat(outcome.hint()).isEqualTo("the port expects TLS: use https, or check whether mTLS is enforced");
            assertThat(outcome.tls().subject()).isEqualTo("CN=localhost");
        }
    }

    @Test
    void reportsTlsWhenATlsPortClosesOnThePlaintextRequest() {
        try (TlsServer server = TlsServer.builder(TestCertificates.get().server).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.HTTP)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
        }
    }

    @Test
    void reportsRedisWhenRedisAnswers() {
        try (RespServer redis = new RespServer(null)) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(redis.port(), Protocol.HTTP)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.REDIS);
            assertThat(outcome.detail()).isEqualTo("exchange: answered \"-ERR unknown command 'GET'\" (RESP)");
        }
    }
}
