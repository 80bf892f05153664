package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Phases;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.DelayingServer;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.probe.dns.DnsDemoServer;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.TestPki;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A deliberately slow server is seen in the phase it is slow in. No upper bounds and no absolute expectations
 * beyond the delay itself: the delayed phase holds at least most of the delay and is the largest of the check's
 * phases, whatever the load on the machine does to the others.
 */
class PhaseTimingTest {
    private static final Duration DELAY = Duration.ofMillis(400);
    private static final double AT_LEAST_MS = 350;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ProbeEngine ENGINE = new ProbeEngine();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    private static ProbeOutcome probe(String host, int port, Protocol protocol) {
        return ENGINE.probe(new ProbeRequest(host, port, PortSpec.of(port, protocol), TIMEOUT)).join();
    }

    @Test
    void aServerHelloHeldBackShowsInTheTlsPhase() {
        try (DelayingServer server = DelayingServer.slowServerHello(DELAY, TestCertificates.get().server)) {
            ProbeOutcome outcome = probe("127.0.0.1", server.port(), Protocol.HTTPS);

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            Phases p = outcome.phases();
            assertThat(p.dnsMs()).as("a literal address is not looked up").isNull();
            assertThat(p.tlsMs()).isGreaterThanOrEqualTo(AT_LEAST_MS)
                    .isGreaterThan(p.connectMs()).isGreaterThan(p.firstByteMs());
        }
    }

    @Test
    void aResponseHeldBackShowsInTheFirstBytePhase() {
        try (DelayingServer server = DelayingServer.slowFirstByte(DELAY)) {
            ProbeOutcome outcome = probe("127.0.0.1", server.port(), Protocol.HTTP);

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            Phases p = outcome.phases();
            assertThat(p.tlsMs()).as("no TLS on a plaintext port").isNull();
            assertThat(p.firstByteMs()).isGreaterThanOrEqualTo(AT_LEAST_MS).isGreaterThan(p.connectMs());
        }
    }

    @Test
    void aHostNameIsLookedUpInTheDnsPhase() {
        try (DelayingServer server = DelayingServer.slowFirstByte(Duration.ZERO)) {
            ProbeOutcome outcome = probe("localhost", server.port(), Protocol.HTTP);

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            assertThat(outcome.phases().dnsMs()).isNotNull().isGreaterThanOrEqualTo(0.0);
            assertThat(outcome.phases().connectMs()).isNotNull();
        }
    }

    @Test
    void aTcpCheckHasOnlyAConnectPhase() {
        try (DelayingServer server = DelayingServer.slowFirstByte(Duration.ZERO)) {
            Phases p = probe("127.0.0.1", server.port(), Protocol.TCP).phases();

            assertThat(p.measured()).containsOnlyKeys("connect");
        }
    }

    @Test
    void aRefusedConnectionHasNoPhases() {
        ProbeOutcome outcome = probe("127.0.0.1", Ports.closed(), Protocol.HTTP);

        assertThat(outcome.status()).isEqualTo(Status.REFUSED);
        assertThat(outcome.phases().isEmpty()).isTrue();
    }
    @Test
    void aGrpcResponseHeldBackShowsInTheFirstBytePhase() throws Exception {
        try (SlowGrpcServer server = SlowGrpcServer.start(DELAY)) {
            ProbeOutcome outcome = probe("127.0.0.1", server.port(), Protocol.GRPC);

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            Phases p = outcome.phases();
            assertThat(p.tlsMs()).as("no TLS on a plaintext port").isNull();
            assertThat(p.connectMs()).as("this check opened the connection").isNotNull();
            assertThat(p.firstByteMs()).isGreaterThanOrEqualTo(AT_LEAST_MS).isGreaterThan(p.connectMs());
        }
    }

    @Test
    void aGrpcCheckOfAHostNameLooksItUpInItsDnsPhase() throws Exception {
        try (SlowGrpcServer server = SlowGrpcServer.start(Duration.ZERO)) {
            ProbeOutcome named = probe("localhost", server.port(), Protocol.GRPC);
            assertThat(named.status()).as(named.detail()).isEqualTo(Status.OK);
            assertThat(named.phases().measured()).as("localhost is looked up by the probe, not by grpc-java")
                    .containsOnlyKeys("dns", "connect", "firstByte");

            ProbeOutcome literal = probe("127.0.0.1", server.port(), Protocol.GRPC);
            assertThat(literal.status()).as(literal.detail()).isEqualTo(Status.OK);
            assertThat(literal.phases().measured()).containsOnlyKeys("connect", "firstByte");
        }
    }

    @Test
    void aGrpcCheckOfANameThatDoesNotResolveIsUnresolved() {
        ProbeOutcome outcome = probe("no-such-host.invalid", 50051, Protocol.GRPC);
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.UNRESOLVED);
        assertThat(outcome.detail()).contains("cannot resolve no-such-host.invalid");
    }

    @Test
    void aGrpcTlsCheckHasConnectTlsAndFirstBytePhases() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             GrpcTestServer server = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING),
                     TestPki.untrustedGrpcServer())) {
            ProbeRequest request = new ProbeRequest("127.0.0.1", server.port(),
                    PortSpec.of(server.port(), Protocol.GRPC_TLS), TIMEOUT);
            ProbeOutcome first = engine.probe(request).join();

            assertThat(first.status()).as(first.detail()).isEqualTo(Status.OK);
            assertThat(first.phases().measured()).containsOnlyKeys("connect", "tls", "firstByte");

            // the next check runs on the connection the first one opened: only its own stream is its to time
            ProbeOutcome second = engine.probe(request).join();
            assertThat(second.status()).as(second.detail()).isEqualTo(Status.OK);
            assertThat(server.connections()).as("the second check shared the first one's connection").isEqualTo(1);
            assertThat(second.phases().measured()).containsOnlyKeys("firstByte");
        }
    }

    @Test
    void aDnsQueryOverUdpHasDnsConnectAndFirstBytePhases() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel dns = DnsDemoServer.bindUdp(group, "127.0.0.1");
            int port = ((InetSocketAddress) dns.localAddress()).getPort();

            ProbeOutcome literal = probe("127.0.0.1", port, Protocol.DNS_UDP);
            assertThat(literal.status()).as(literal.detail()).isEqualTo(Status.OK);
            assertThat(literal.phases().measured()).containsOnlyKeys("connect", "firstByte");

            ProbeOutcome named = probe("localhost", port, Protocol.DNS_UDP);
            assertThat(named.phases().dnsMs()).as("localhost is looked up").isNotNull();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
