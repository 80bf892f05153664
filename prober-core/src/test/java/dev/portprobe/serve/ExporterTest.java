package dev.portprobe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.DirectResolver;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.RespServer;
import dev.portprobe.testing.system.Promtool;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve} against real loopback peers (a MockWebServer, a grpc-java server with health, a closed port, and a
 * RESP server asked for HTTP, so a wrong protocol), scraped with the JDK's HTTP client.
 */
class ExporterTest {
    private static final RunOptions RUN = new RunOptions(Duration.ofSeconds(3), 0, Duration.ZERO);
    private static MockWebServer web;
    private static GrpcTestServer grpc;
    private static RespServer redis;
    private static int closed;

    @BeforeAll
    static void startPeers() {
        web = HttpServers.plain(() -> HttpServers.status(200));
        grpc = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), null);
        redis = new RespServer(null);
        closed = Ports.closed();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        web.close();
        grpc.close();
        redis.close();
    }

    static List<Check> checks(int webPort) {
        return List.of(
                Check.adHoc("web", PortSpec.of(webPort, Protocol.HTTP)),
                Check.adHoc("grpc", PortSpec.of(grpc.port(), Protocol.GRPC)),
                Check.adHoc("closed", PortSpec.of(closed, Protocol.HTTP)),
                Check.adHoc("wrong", PortSpec.of(redis.port(), Protocol.HTTP)));
    }

    static ServeOptions options(Duration interval) {
        return ServeOptions.of(new InetSocketAddress("127.0.0.1", 0), interval, Duration.ofSeconds(3));
    }

    @Test
    void metricsCarryTheLatestResultOfEveryPortAndPassPromtool() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "test",
                     checks(web.getPort()), RUN, options(Duration.ofMillis(50)), null, line -> { })) {
            InetSocketAddress at = exporter.address();
            assertThat(Scrapes.await(at, "/-/ready", 200, 30_000).status()).isEqualTo(200);
            // the first round of a cold JVM on a loaded machine may see a timeout: wait for a warm one
            assertThat(awaitSample(at, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"grpc\"", "1")).isTrue();

            Scrapes.Page text = Scrapes.get(at, "/metrics");
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            String b = text.body();
            assertThat(Scrapes.sample(b, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"web\"")).isEqualTo("1");
            assertThat(Scrapes.sample(b, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"grpc\"")).isEqualTo("1");
            assertThat(Scrapes.sample(b, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"closed\"")).isEqualTo("0");
            assertThat(Scrapes.sample(b, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"wrong\"")).isEqualTo("0");
            assertThat(b).contains("name=\"closed\",kind=\"service\",port=\"" + closed + "\",expected=\"http\",status=\"REFUSED\"} 1")
                    .contains("name=\"wrong\",kind=\"service\",port=\"" + redis.port()
                            + "\",expected=\"http\",observed=\"redis\",required=\"true\"} 1")
                    .contains("name=\"wrong\",kind=\"service\",port=\"" + redis.port()
                            + "\",expected=\"http\",status=\"WRONG_PROTOCOL\"} 1")
                    .contains("# TYPE portprobe_rounds_total counter")
                    .contains("portprobe_ready 1")
                    .doesNotContain("# EOF");
            assertThat(Long.parseLong(Scrapes.sample(b, "portprobe_rounds_total"))).isPositive();
            Promtool.Verdict verdict = Promtool.checkMetrics(b);
            assertThat(verdict.exitCode()).as(verdict.output()).isZero();
            assertThat(verdict.output()).isEmpty();

            Scrapes.Page om = Scrapes.get(at, "/metrics", Map.of("Accept", Scrapes.PROMETHEUS_ACCEPT));
            assertThat(om.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(om.body()).endsWith("portprobe_ready 1\n# EOF\n")
                    .contains("# TYPE portprobe_rounds counter\n").doesNotContain("# TYPE portprobe_rounds_total");
        }
    }

    @Test
    void readyAnswers503UntilTheFirstRoundCompletesWhileHealthyAnswersAtOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new Gated(gate), "test", checks(web.getPort()), RUN,
                     options(Duration.ofSeconds(60)), null, line -> { })) {
            InetSocketAddress at = exporter.address();
            assertThat(Scrapes.get(at, "/-/healthy").status()).isEqualTo(200);
            Scrapes.Page notYet = Scrapes.get(at, "/-/ready");
            assertThat(notYet.status()).isEqualTo(503);
            assertThat(notYet.body()).isEqualTo("portprobe is not ready: the first round has not completed.\n");
            assertThat(Scrapes.get(at, "/metrics").body()).contains("portprobe_ready 0")
                    .doesNotContain("portprobe_check_ok");
            gate.countDown();
            assertThat(Scrapes.await(at, "/-/ready", 200, 30_000).body()).isEqualTo("portprobe is ready.\n");
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aPortThatStopsAnsweringCountsOneTransitionFromOkToRefused() throws Exception {
        MockWebServer going = HttpServers.plain(() -> HttpServers.status(200));
        int port = going.getPort();
        List<Check> one = List.of(Check.adHoc("going", PortSpec.of(port, Protocol.HTTP)));
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "test",
                     one, RUN, options(Duration.ofMillis(20)), null, line -> { })) {
            InetSocketAddress at = exporter.address();
            String okSample = "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"going\"";
            assertThat(awaitSample(at, okSample, "1")).isTrue();
            going.close();
            assertThat(awaitSample(at, okSample, "0")).isTrue();
            String body = Scrapes.get(at, "/metrics").body();
            assertThat(body).contains("portprobe_status_transitions_total{cluster=\"\",namespace=\"\",name=\"going\","
                    + "kind=\"service\",port=\"" + port + "\",expected=\"http\",from=\"OK\",to=\"REFUSED\"} 1");
        } finally {
            going.close();
        }
    }

    @Test
    void probeAnswersForAHealthyAClosedAndAWrongProtocolTarget() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "test",
                     List.of(), RUN, options(Duration.ofSeconds(60)), null, line -> { })) {
            InetSocketAddress at = exporter.address();
            Scrapes.Page healthy = Scrapes.get(at, "/probe?target=127.0.0.1:" + grpc.port() + "&expect=grpc");
            assertThat(healthy.status()).isEqualTo(200);
            assertThat(Scrapes.sample(healthy.body(), "probe_success")).isEqualTo("1");
            assertThat(healthy.body()).contains("expected=\"grpc\",status=\"OK\"} 1");

            Scrapes.Page refused = Scrapes.get(at, "/probe?target=127.0.0.1:" + closed + "&expect=http&path=/healthz");
            assertThat(refused.status()).isEqualTo(200);
            assertThat(Scrapes.sample(refused.body(), "probe_success")).isEqualTo("0");
            assertThat(refused.body()).contains("expected=\"http\",status=\"REFUSED\"} 1");

            Scrapes.Page wrong = Scrapes.get(at, "/probe?target=127.0.0.1:" + redis.port() + "&expect=http");
            assertThat(Scrapes.sample(wrong.body(), "probe_success")).isEqualTo("0");
            assertThat(wrong.body()).contains("status=\"WRONG_PROTOCOL\"} 1").contains("observed=\"redis\"");
            Promtool.Verdict verdict = Promtool.checkMetrics(wrong.body());
            assertThat(verdict.exitCode()).as(verdict.output()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/probe?expect=http                                  | missing parameter target",
        "/probe?target=127.0.0.1&expect=http                 | target '127.0.0.1': missing :PORT",
        "/probe?target=127.0.0.1:70000&expect=http           | port must be a number from 1 to 65535",
        "/probe?target=127.0.0.1:80                          | missing parameter expect",
        "/probe?target=127.0.0.1:80&expect=smtp              | unknown protocol 'smtp' in expect",
        "/probe?target=127.0.0.1:80&expect=grpc&path=/x      | path is for expect=http or https, not grpc",
        "/probe?target=127.0.0.1:80&expect=http&path=x       | path must start with /",
        "/probe?target=127.0.0.1:80&expect=http&path=/a%0d%0aX:%20y | path must start with / and hold no spaces",
        "/probe?target=127.0.0.1:80&expect=http&module=tcp   | unknown parameter 'module'",
        "/probe?target=127.0.0.1:80&target=127.0.0.1:81&expect=tcp | parameter target is given 2 times",
    })
    void badProbeParametersAre400WithAOneLineReason(String path, String reason) throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "test",
                     List.of(), RUN, options(Duration.ofSeconds(60)), null, line -> { })) {
            Scrapes.Page page = Scrapes.get(exporter.address(), path);
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains(reason).endsWith("\n");
            assertThat(page.body().lines().count()).isEqualTo(1);
        }
    }

    @Test
    void aScrapeTimeoutHeaderThatLeavesNoTimeIsRefusedAndOtherPathsAre404Or405() throws Exception {
        try (ProbeEngine engine = new ProbeEngine();
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "test",
                     List.of(), RUN, options(Duration.ofSeconds(60)), null, line -> { })) {
            InetSocketAddress at = exporter.address();
            Scrapes.Page tooShort = Scrapes.get(at, "/probe?target=127.0.0.1:80&expect=tcp",
                    Map.of(ProbeQuery.SCRAPE_TIMEOUT_HEADER, "0.2"));
            assertThat(tooShort.status()).isEqualTo(400);
            assertThat(tooShort.body()).contains("leaves no time to probe");
            assertThat(Scrapes.get(at, "/nope").status()).isEqualTo(404);
            Scrapes.Page post = Scrapes.send(at, "/metrics", "POST", Map.of());
            assertThat(post.status()).isEqualTo(405);
            assertThat(Scrapes.get(at, "/").body()).isEqualTo(Routes.INDEX);
        }
    }

    private static boolean awaitSample(InetSocketAddress at, String prefix, String value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (value.equals(Scrapes.sample(Scrapes.get(at, "/metrics").body(), prefix))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** A direct resolver whose first resolution waits for a gate: the first round ends when the test says so. */
    private static final class Gated implements Resolver {
        private final CountDownLatch gate;
        private final DirectResolver direct = new DirectResolver(Map.of(), "127.0.0.1", null);

        Gated(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public String mode() {
            return direct.mode();
        }

        @Override
        public String namespace() {
            return null;
        }

        @Override
        public List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new ClusterAccessException("the test's gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterAccessException("interrupted");
            }
            return direct.resolveAll(checks);
        }

        @Override
        public void close() {
        }
    }
}
