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
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RedisProbeTest {
    private static final ProbeEngine ENGINE = new ProbeEngine();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void passesWhenPingGetsPong() {
        try (RespServer redis = new RespServer(null)) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(redis.port(), Protocol.REDIS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.REDIS);
            assertThat(outcome.detail()).isEqualTo("PING answered \"+PONG\"");
        }
    }

    @Test
    void passesAndSaysAuthIsRequiredWhenPingGetsNoauth() {
        try (RespServer redis = new RespServer("secret")) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(redis.port(), Protocol.REDIS)).join();

            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).isEqualTo(
                    "PING answered \"-NOAUTH Authentication required.\": Redis answers, and requires authentication");
        }
    }

    @Test
    void reportsHttpWhenAnHttpServerAnswers() {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.getPort(), Protocol.REDIS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
        }
    }

    @Test
    void reportsTlsWhenATlsServerAnswers() {
        try (TlsServer server = TlsServer.builder(TestCertificates.get().server).start()) {
            ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), Protocol.REDIS)).join();

            assertThat(outcome.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.TLS);
            assertThat(outcome.hint()).startsWith("the port expects TLS");
        }
    }
}
