package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe --wait D}: the smoke test after an install, through the CLI. */
class WaitCliTest {
    @TempDir
    Path dir;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        later.shutdownNow();
        later.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A profile with one Service, "late", whose one port answers HTTP. */
    private Path profile(int port) throws Exception {
        Path file = dir.resolve("late.yaml");
        Files.writeString(file, "apiVersion: portprobe/v1\nname: late\nnamespace: default\nservices:\n"
                + "  - name: late\n    ports:\n      - {port: " + port + ", protocol: http, usage: starts late}\n");
        return file;
    }

    private String[] probeArgs(int port, String wait) throws Exception {
        return new String[] {"probe", "-p", profile(port).toString(), "--mode", "direct", "--target", "late=127.0.0.1",
                "--timeout", "1s", "--wait", wait, "-o", "json"};
    }

    private static JsonNode onlyResult(CliRun run) throws Exception {
        JsonNode results = new ObjectMapper().readTree(run.out()).get("results");
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    /**
     * Runs {@code action} once, when the run says on stderr that its first round failed: the server then appears
     * during the runner's first pause (about a second), never before the first round has seen the port fail.
     */
    private Consumer<String> afterFirstFailedRound(Callable<?> action) {
        AtomicBoolean done = new AtomicBoolean();
        return line -> {
            if (line.startsWith("waiting: round 1,") && done.compareAndSet(false, true)) {
                later.submit(action);
            }
        };
    }

    @Test
    void waitsForAPortThatRefusesUntilItsServerStartsAndExitsZero() throws Exception {
        int port = Ports.released();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return HttpServers.status(200);
            }
        });
        try {
            CliRun run = CliRun.watchingErr(Map.of(), afterFirstFailedRound(() -> {
                server.start(InetAddress.getByName("127.0.0.1"), port);
                return null;
            }), probeArgs(port, "10s"));
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode r = onlyResult(run);
            assertThat(r.get("status").asString()).isEqualTo("OK");
            assertThat(r.get("observed").asString()).isEqualTo("http");
            assertThat(run.err()).contains("waiting: round 1, 1 of 1 checks not OK yet");
            assertThat(server.getRequestCount()).isPositive();
        } finally {
            stop();
            server.close();
        }
    }

    @Test
    void givesUpWhenTheWaitRunsOutAndExitsOneWithTheLastFailure() throws Exception {
        int port = Ports.closed();
        long start = System.nanoTime();
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of(probeArgs(port, "2s")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(onlyResult(run).get("status").asString()).isEqualTo("REFUSED");
        assertThat(run.err()).contains("waiting: round 1, 1 of 1 checks not OK yet")
                .contains("waiting: round 2, 1 of 1 checks not OK yet");
        // the last round starts while at least min(--timeout, 250 ms) of the wait is left
        assertThat(took).as("it must not give up before the wait runs out").isGreaterThanOrEqualTo(Duration.ofMillis(1750));
    }

    @Test
    void waitsThroughAPortForwardForAPodThatBecomesReady(@TempDir Path kube) throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start(); GlooEnterpriseCluster cluster = GlooEnterpriseCluster.install(api)) {
            CliRun run = CliRun.watchingErr(Map.of(), afterFirstFailedRound(() -> {
                cluster.rateLimitBecomesReady(api);
                return null;
            }), "probe", "--mode", "port-forward", "-p", GlooEnterpriseCluster.PROFILE,
                    "--kubeconfig", api.kubeconfig(kube, "gloo-ee", null, "t0ken-for-tests").toString(),
                    "--only", "rate-limit", "--timeout", "2s", "--wait", "10s", "-o", "json");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            JsonNode r = onlyResult(run);
            assertThat(r.get("status").asString()).isEqualTo("OK");
            assertThat(r.get("observed").asString()).isEqualTo("grpc");
            assertThat(r.get("pod").asString()).isEqualTo(GlooEnterpriseCluster.RATE_LIMIT_POD);
            assertThat(run.err()).contains("waiting: round 1, 1 of 1 checks not OK yet");
        }
    }
}
