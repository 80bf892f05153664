package dev.portprobe.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.system.EtcdServer;
import dev.portprobe.testing.system.NginxServer;
import dev.portprobe.testing.system.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party servers from Debian's packages (nginx, redis-server, etcd), started by the test.
 * They skip when a binary is missing and fail instead when PORTPROBE_SYSTEM_TESTS=required.
 */
class ThirdPartyPeersTest {
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

    private static ProbeOutcome probe(ProbeEngine e, int port, Protocol protocol) {
        return e.probe(new ProbeRequest("127.0.0.1", port, PortSpec.of(port, protocol), TIMEOUT)).join();
    }

    private static ProbeOutcome probe(int port, Protocol protocol) {
        return probe(engine, port, protocol);
    }

    private static Identification identify(int port) {
        return engine.identify(new ProbeRequest("127.0.0.1", port, PortSpec.of(port, Protocol.TCP), TIMEOUT)).join();
    }

    @Test
    void etcdAnswersTheGrpcHealthCheckWithServing() throws Exception {
        try (EtcdServer etcd = EtcdServer.start()) {
            ProbeOutcome outcome = probe(etcd.clientPort(), Protocol.GRPC);
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
            assertThat(outcome.detail()).contains("SERVING");
        }
    }

    @Test
    void etcdHealthForAnUnknownServiceNameIsUnhealthyNotFound() throws Exception {
        try (EtcdServer etcd = EtcdServer.start()) {
            int port = etcd.clientPort();
            PortSpec spec = new PortSpec(port, null, null, Protocol.GRPC, "", null, new GrpcOptions("no.such.Service"), null, null, false, 0);
            ProbeOutcome outcome = engine.probe(new ProbeRequest("127.0.0.1", port, spec, TIMEOUT)).join();
            assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
            assertThat(outcome.detail()).contains("no.such.Service");
        }
    }

    @Test
    void nginxReadinessPathAnswering503IsUnhealthyOverHttpAndHttps() throws Exception {
        try (NginxServer nginx = NginxServer.start()) {
            for (int[] p : new int[][] {{nginx.httpPort, 0}, {nginx.httpsPort, 1}}) {
                Protocol protocol = p[1] == 0 ? Protocol.HTTP : Protocol.HTTPS;
                PortSpec fail = new PortSpec(p[0], null, null, protocol, "", new HttpOptions("/fail", null), null, null, null, false, 0);
                ProbeOutcome outcome = engine.probe(new ProbeRequest("127.0.0.1", p[0], fail, TIMEOUT)).join();
                assertThat(outcome.status()).as(protocol + ": " + outcome.detail()).isEqualTo(Status.UNHEALTHY);
                assertThat(outcome.detail()).contains("503").contains("expected 200-399");

                PortSpec root = new PortSpec(p[0], null, null, protocol, "", new HttpOptions("/fail", "503"), null, null, null, false, 0);
                assertThat(engine.probe(new ProbeRequest("127.0.0.1", p[0], root, TIMEOUT)).join().status())
                        .as("an expectStatus replaces the readiness range").isEqualTo(Status.OK);
            }
        }
    }

    @Test
    void nginxTellsHttpHttpsH2cAndMtlsApart() throws Exception {
        try (NginxServer nginx = NginxServer.start()) {
            assertThat(probe(nginx.httpPort, Protocol.HTTP).status()).isEqualTo(Status.OK);

            ProbeOutcome grpcOnHttp = probe(nginx.httpPort, Protocol.GRPC);
            assertThat(grpcOnHttp.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(grpcOnHttp.observed()).isEqualTo(Observed.HTTP);

            ProbeOutcome grpcOnH2c = probe(nginx.h2cPort, Protocol.GRPC);
            assertThat(grpcOnH2c.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(grpcOnH2c.observed()).isEqualTo(Observed.H2);

            ProbeOutcome https = probe(nginx.httpsPort, Protocol.HTTPS);
            assertThat(https.status()).as(https.detail()).isEqualTo(Status.OK);
            assertThat(https.tls()).isNotNull();
            assertThat(https.tls().subject()).contains("localhost");
            assertThat(https.tls().sans()).contains("localhost");
            assertThat(https.tls().notAfter()).isNotNull();

            ProbeOutcome httpOnTls = probe(nginx.httpsPort, Protocol.HTTP);
            assertThat(httpOnTls.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(httpOnTls.observed()).isEqualTo(Observed.TLS);

            ProbeOutcome grpcOnTls = probe(nginx.httpsPort, Protocol.GRPC);
            assertThat(grpcOnTls.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(grpcOnTls.observed()).isEqualTo(Observed.TLS);

            ProbeOutcome mtls = probe(nginx.mtlsPort, Protocol.MTLS);
            assertThat(mtls.status()).as(mtls.detail()).isEqualTo(Status.OK);
            assertThat(mtls.detail()).contains("client certificate required");

            ProbeOutcome mtlsOnPlainTls = probe(nginx.httpsPort, Protocol.MTLS);
            assertThat(mtlsOnPlainTls.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(mtlsOnPlainTls.observed()).isEqualTo(Observed.TLS);

            assertThat(identify(nginx.httpPort).observed()).isEqualTo(Observed.HTTP);
            assertThat(identify(nginx.httpsPort).observed()).isEqualTo(Observed.TLS);
            for (int i = 0; i < 5; i++) { // the GET and the PING also get SETTINGS: the answer must name one step
                Identification h2c = identify(nginx.h2cPort);
                assertThat(h2c.observed()).isEqualTo(Observed.H2);
                assertThat(h2c.detail()).endsWith("(HTTP/2 preface)");
            }
            assertThat(identify(nginx.mtlsPort).observed()).isEqualTo(Observed.MTLS);
        }
    }

    @Test
    void nginxMtlsPortAnswersHttpsWhenTheClientPresentsItsCertificate(@TempDir Path dir) throws Exception {
        try (NginxServer nginx = NginxServer.start()) {
            Path[] pems = nginx.writeClientPems(dir);
            EngineOptions options = EngineOptions.defaults().withClientTls(new ClientTls(pems[0], pems[1], pems[2]));
            try (ProbeEngine withCert = new ProbeEngine(options)) {
                ProbeOutcome outcome = probe(withCert, nginx.mtlsPort, Protocol.HTTPS);
                assertThat(outcome.status()).as(outcome.detail()).isEqualTo(Status.OK);
                assertThat(outcome.detail()).contains("200");
            }
        }
    }

    @Test
    void redisAnswersPingWithAndWithoutAPassword() throws Exception {
        try (RedisServer open = RedisServer.start(null); RedisServer locked = RedisServer.start("s3cret")) {
            ProbeOutcome plain = probe(open.port(), Protocol.REDIS);
            assertThat(plain.status()).isEqualTo(Status.OK);

            ProbeOutcome auth = probe(locked.port(), Protocol.REDIS);
            assertThat(auth.status()).isEqualTo(Status.OK);
            assertThat(auth.detail()).containsIgnoringCase("auth");
            assertThat(auth.detail()).doesNotContain("s3cret");

            ProbeOutcome httpOnRedis = probe(open.port(), Protocol.HTTP);
            assertThat(httpOnRedis.status()).isEqualTo(Status.WRONG_PROTOCOL);
            assertThat(httpOnRedis.observed()).isEqualTo(Observed.REDIS);

            assertThat(identify(open.port()).observed()).isEqualTo(Observed.REDIS);
            assertThat(identify(locked.port()).observed()).isEqualTo(Observed.REDIS);
        }
    }
}
