package dev.portprobe.cli;

import static dev.portprobe.testing.kube.GlooEnterpriseCluster.CONSOLE_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.EXTAUTH_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.GATEWAY_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.GLOO_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.KSM_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.NS;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.PROFILE;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.PROMETHEUS_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.PROXY_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.RATE_LIMIT_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.REDIS_POD;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import dev.portprobe.testing.kube.Sockets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's must-show, end to end through the CLI: {@code probe --mode port-forward} of the built-in Enterprise
 * profile against the fake API, whose pods' ports are a simulated install's real servers behind a live
 * {@code v4.channel.k8s.io} relay. Every probe's bytes cross a port-forward: the report's endpoints are the
 * forwards' 127.0.0.1 listeners, and the only way from them to a server is the relay.
 */
@EnabledOnOs(OS.LINUX) // reads /proc for the listeners and descriptors of this process
class PortForwardCliTest {
    /**
     * Generous, so that a loaded machine (two suites at once on two cores) still sees every healthy port answer
     * across the relay; no check here is expected to wait it out.
     */
    private static final String TIMEOUT = "15s";

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static GlooEnterpriseCluster cluster;
    private static Path kubeconfig;
    private static CliRun run;
    private static JsonNode json;
    private static List<InetSocketAddress> listenersBefore;
    private static Set<InetSocketAddress> listenersDuring;

    /** Where a healthy check's traffic ends: its pod and container port. */
    private record Healthy(String id, String pod, int containerPort, String observed) {
    }

    private static final List<Healthy> HEALTHY = List.of(
            new Healthy("gateway:443", GATEWAY_POD, 8443, "http"),
            new Healthy("gloo:9977", GLOO_POD, 9977, "grpc"),
            new Healthy("gloo:9988", GLOO_POD, 9988, "grpc"),
            new Healthy("gloo:9979", GLOO_POD, 9979, "http"),
            new Healthy("gloo:9966", GLOO_POD, 9966, "grpc"),
            new Healthy("gateway-proxy:80", PROXY_POD, 8080, "http"),
            new Healthy("gateway-proxy:443", PROXY_POD, 8443, "tls"),
            new Healthy("gateway-proxy:19000", PROXY_POD, 19000, "http"),
            new Healthy("gloo-fed-console:8090", CONSOLE_POD, 8090, "http"),
            new Healthy("gloo-fed-console:10101", CONSOLE_POD, 10101, "tcp"),
            new Healthy("gloo-fed-console:8081", CONSOLE_POD, 8081, "tcp"),
            new Healthy("glooe-prometheus-kube-state-metrics:80", KSM_POD, 8080, "http"),
            new Healthy("glooe-prometheus-server:80", PROMETHEUS_POD, 9091, "http"),
            new Healthy("redis:6379", REDIS_POD, 6379, "redis"));

    @BeforeAll
    static void probeTheInstallThroughTheCli() throws Exception {
        api = FakeKubeApi.start();
        cluster = GlooEnterpriseCluster.install(api);
        kubeconfig = api.kubeconfig(dir, "gloo-ee", null, "t0ken-for-tests");
        listenersBefore = Sockets.listeners();
        try (ListenerSampler sampler = ListenerSampler.start()) {
            run = probe();
            listenersDuring = sampler.seen();
        }
        json = new ObjectMapper().readTree(run.out());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static CliRun probe() {
        return CliRun.of("probe", "--mode", "port-forward", "-n", NS, "-p", PROFILE, "-o", "json",
                "--kubeconfig", kubeconfig.toString(), "--timeout", TIMEOUT);
    }

    private static JsonNode result(String id) {
        for (JsonNode r : json.get("results")) {
            if ((r.get("name").asString() + ":" + r.get("port").asInt()).equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result " + id + " in " + run.out());
    }

    @Test
    void failsTheRunOnlyForTheRefusedPortAndTheServiceWithoutReadyEndpoints() {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(json.get("mode").asString()).isEqualTo("port-forward");
        assertThat(json.get("namespace").asString()).isEqualTo(NS);
        assertThat(json.get("profile").asString()).isEqualTo(PROFILE);
        List<String> failing = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            String status = r.get("status").asString();
            if (r.get("required").asBoolean() && !status.equals("OK") && !status.equals("SKIPPED")) {
                failing.add(r.get("name").asString() + ":" + r.get("port").asInt() + " " + r.get("status").asString());
            }
        }
        assertThat(failing).containsExactlyInAnyOrder("extauth:8083 REFUSED", "rate-limit:18081 UNRESOLVED");
        assertThat(json.get("summary").get("failed").asInt()).isEqualTo(failing.size());
        assertThat(json.get("results")).hasSize(cluster.checks().size());
        assertThat(json.get("namespaces").toString()).isEqualTo("[\"" + NS + "\"]");
        assertThat(json.get("results")).allSatisfy(r -> assertThat(r.get("namespace").asString()).isEqualTo(NS));
    }

    @Test
    void reportsEveryHealthyPortOkWithItsOwnProtocolSpokenAcrossThePortForward() {
        for (Healthy h : HEALTHY) {
            JsonNode r = result(h.id());
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
            assertThat(r.get("observed").asString()).as(r.toString()).isEqualTo(h.observed());
            assertThat(r.get("endpoint").asString()).as(h.id()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(r.get("pod").asString()).as(h.id()).isEqualTo(h.pod());
            assertThat(api.relay().dialed(NS, h.pod(), h.containerPort()))
                    .as("connections the relay made to %s:%d", h.pod(), h.containerPort()).isPositive();
            if (!h.observed().equals("tcp")) { // a TCP check's server only accepts; every other one answers
                assertThat(api.relay().bytesFrom(NS, h.pod(), h.containerPort()))
                        .as("bytes that %s:%d sent back across the port-forward", h.pod(), h.containerPort()).isPositive();
            }
        }
    }

    @Test
    void speaksGrpcHealthAndTlsThroughTheRelay() {
        assertThat(result("gloo:9977").get("detail").asString()).contains("UNIMPLEMENTED");
        assertThat(result("gateway-proxy:443").get("tls").get("version").asString()).startsWith("TLSv1.");
        assertThat(result("gateway:443").get("tls").get("version").asString()).startsWith("TLSv1.");
        assertThat(result("redis:6379").get("detail").asString()).contains("PONG");
    }

    @Test
    void skipsTheOptionalServicesThatAreNotInstalled() {
        for (String id : List.of("glooe-grafana:80", "access-log:8083")) {
            JsonNode r = result(id);
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("SKIPPED");
            assertThat(r.get("detail").asString()).contains("is not installed in " + NS);
            assertThat(r.get("endpoint").isNull()).isTrue();
        }
    }

    @Test
    void reportsTheDriftedTargetPortAndProbesTheLivePort() {
        JsonNode r = result("glooe-prometheus-server:80");
        assertThat(r.get("drift").toString()).isEqualTo("{\"targetPort\":{\"table\":9090,\"live\":9091}}");
        assertThat(r.get("status").asString()).isEqualTo("OK");
        assertThat(api.relay().dialed(NS, PROMETHEUS_POD, 9091)).isPositive();
        assertThat(api.relay().dialed(NS, PROMETHEUS_POD, 9090)).isZero();
        for (JsonNode other : json.get("results")) {
            if (other != r) {
                assertThat(other.get("drift").isNull()).as(other.toString()).isTrue();
            }
        }
    }

    @Test
    void reportsTheServiceWithoutReadyEndpointsAsUnresolved() {
        JsonNode r = result("rate-limit:18081");
        assertThat(r.get("status").asString()).isEqualTo("UNRESOLVED");
        assertThat(r.get("detail").asString()).contains("0 ready endpoints of 1").contains(RATE_LIMIT_POD);
        assertThat(r.get("hint").asString()).isEqualTo("kubectl -n " + NS + " describe pod " + RATE_LIMIT_POD);
        assertThat(r.get("endpoint").isNull()).isTrue();
    }

    @Test
    void reportsThePortRefusedInsideThePodAsRefusedNotAsATimeout() {
        JsonNode r = result("extauth:8083");
        assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("REFUSED");
        assertThat(r.get("observed").isNull()).isTrue();
        assertThat(r.get("pod").asString()).isEqualTo(EXTAUTH_POD);
        assertThat(r.get("detail").asString()).contains("refused the connection");
        assertThat(api.relay().refusals()).isPositive();
    }

    @Test
    void bindsEveryPortForwardListenerToLoopbackOnly() {
        Set<Integer> forwardPorts = new java.util.HashSet<>();
        for (JsonNode r : json.get("results")) {
            String endpoint = r.get("endpoint").asString("");
            if (endpoint.startsWith("127.0.0.1:")) {
                forwardPorts.add(Integer.parseInt(endpoint.substring("127.0.0.1:".length())));
            }
        }
        assertThat(forwardPorts).hasSizeGreaterThanOrEqualTo(HEALTHY.size() - 2);
        // a listener the run opened on a forward's port: the fake cluster's servers were listening before the run,
        // and one of them may hold the same port number on another loopback address
        Set<InetSocketAddress> forwards = listenersDuring.stream()
                .filter(a -> forwardPorts.contains(a.getPort()) && !listenersBefore.contains(a))
                .collect(Collectors.toSet());
        assertThat(forwards.stream().map(InetSocketAddress::getPort).collect(Collectors.toSet()))
                .as("forward listeners seen while the run was forwarding").isEqualTo(forwardPorts);
        assertThat(forwards).allSatisfy(a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
        List<InetSocketAddress> wildcardDuringRun = listenersDuring.stream()
                .filter(a -> a.getAddress().isAnyLocalAddress() && !listenersBefore.contains(a)).distinct().toList();
        assertThat(wildcardDuringRun).as("listeners on every interface opened by the run").isEmpty();
    }

    @Test
    void leavesNoPortForwardThreadOrSocketOpenAfterTheRun() throws Exception {
        RunLeaks.Baseline baseline = RunLeaks.baseline();
        CliRun again = probe();
        assertThat(again.exitCode()).as(again.err()).isEqualTo(1);
        assertThat(RunLeaks.eventually(() -> api.relay().openSessions() == 0))
                .as("port-forward websockets still open: %s", api.relay()).isTrue();
        baseline.assertNothingLeft();
    }
}
