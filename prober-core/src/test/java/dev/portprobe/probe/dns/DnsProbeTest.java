package dev.portprobe.probe.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.DnsOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.system.DnsmasqServer;
import dev.portprobe.testing.system.NginxServer;
import dev.portprobe.testing.system.RedisServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dns and dns-udp probes against a real dnsmasq, real nginx and redis, and closed or silent ports. */
class DnsProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static ProbeEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = new ProbeEngine();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private static ProbeOutcome probe(int port, Protocol protocol, String name) {
        PortSpec spec = PortSpec.of(port, protocol).withDns(new DnsOptions(name));
        return engine.probe(new ProbeRequest("127.0.0.1", port, spec, TIMEOUT)).join();
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"DNS", "DNS_UDP"})
    void aKnownNameIsOkWithItsAnswer(Protocol protocol) throws Exception {
        try (DnsmasqServer dns = DnsmasqServer.start(Map.of("known.test", "127.0.0.7"))) {
            ProbeOutcome outcome = probe(dns.port(), protocol, "known.test");
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.DNS);
            assertThat(outcome.detail()).contains("A known.test").contains("NoError").contains("1 answer");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"DNS", "DNS_UDP"})
    void anUnknownNameIsUnhealthyNamingNxdomain(Protocol protocol) throws Exception {
        try (DnsmasqServer dns = DnsmasqServer.start(Map.of("known.test", "127.0.0.7"))) {
            ProbeOutcome outcome = probe(dns.port(), protocol, "unknown.test");
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.observed()).isEqualTo(Observed.DNS);
            assertThat(outcome.detail()).contains("NXDomain").contains("no answer record for unknown.test");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"DNS", "DNS_UDP"})
    void aRefusedQueryIsUnhealthyNamingRefused(Protocol protocol) throws Exception {
        // dnsmasq has no upstream: a name outside its own is refused, and so is the root (the query without a name).
        try (DnsmasqServer dns = DnsmasqServer.start(Map.of())) {
            for (String name : new String[] {"example.com", ""}) {
                ProbeOutcome outcome = probe(dns.port(), protocol, name);
                assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.UNHEALTHY);
                assertThat(outcome.observed()).isEqualTo(Observed.DNS);
                assertThat(outcome.detail()).contains("Refused");
            }
        }
    }

    @Test
    void identifyNamesDnsOverTcp() throws Exception {
        try (DnsmasqServer dns = DnsmasqServer.start(Map.of())) {
            Identification id = engine.identify(new ProbeRequest("127.0.0.1", dns.port(),
                    PortSpec.of(dns.port(), Protocol.TCP), TIMEOUT)).join();
            assertThat(id.observed()).as(id.detail()).isEqualTo(Observed.DNS);
            assertThat(id.detail()).contains("DNS query");
        }
    }

    @Test
    void nginxProbedAsDnsIsWrongProtocolHttp() throws Exception {
        try (NginxServer nginx = NginxServer.start()) {
            ProbeOutcome outcome = probe(nginx.httpPort, Protocol.DNS, "");
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.HTTP);
        }
    }

    @Test
    void redisProbedAsDnsIsWrongProtocolRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(null)) {
            ProbeOutcome outcome = probe(redis.port(), Protocol.DNS, "");
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(outcome.observed()).isEqualTo(Observed.REDIS);
        }
    }

    @Test
    void aClosedPortIsRefusedOverBothTransports() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (Protocol protocol : new Protocol[] {Protocol.DNS, Protocol.DNS_UDP}) {
            ProbeOutcome outcome = probe(port, protocol, "");
            assertThat(outcome.status()).as(protocol + ": " + outcome.detail()).isEqualTo(Status.REFUSED);
            assertThat(outcome.observed()).isNull();
        }
    }

    @Test
    void aSilentUdpPortIsTimeoutObservedSilent() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            PortSpec spec = PortSpec.of(silent.getLocalPort(), Protocol.DNS_UDP);
            ProbeOutcome outcome = engine.probe(new ProbeRequest("127.0.0.1", silent.getLocalPort(), spec,
                    Duration.ofMillis(500))).join();
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.TIMEOUT);
            assertThat(outcome.observed()).isEqualTo(Observed.SILENT);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"DNS", "DNS_UDP"})
    void theDemoServerAnswersAndFailsOnRequest(Protocol protocol) throws Exception {
        try (DemoDns demo = DemoDns.start(protocol)) {
            assertThat(probe(demo.port(), protocol, "").status()).isEqualTo(Status.OK);
            assertThat(probe(demo.port(), protocol, "anything.example").status()).isEqualTo(Status.OK);
            ProbeOutcome servfail = probe(demo.port(), protocol, "servfail.example");
            assertThat(servfail.status()).as(servfail.detail()).isEqualTo(Status.UNHEALTHY);
            assertThat(servfail.detail()).contains("ServFail");
        }
    }
}
