package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooInstall.EXTAUTH_POD;
import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD;
import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD_2;
import static dev.portprobe.testing.kube.GlooInstall.NS;
import static dev.portprobe.testing.kube.GlooInstall.PROMETHEUS_POD;
import static dev.portprobe.testing.kube.GlooInstall.PROXY_POD;
import static dev.portprobe.testing.kube.GlooInstall.RATE_LIMIT_POD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Drift;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Gloo install probed through port-forwards that cross a real v4.channel.k8s.io relay to loopback servers. */
class PortForwardResolverTest {
    /**
     * The run's --timeout, which also bounds each port-forward's websocket upgrade. No case here tests that deadline
     * (the verdicts come from what the relay and the pods' servers do, and every healthy path ends as soon as they
     * answer), so it is one a loaded machine meets: at 2 s, two suites on 2 cores made the fake API answer upgrades
     * after the deadline and healthy ports came out ERROR "did not answer the upgrade within 2015 ms".
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static GlooForwardCluster cluster;
    private static FakeKubeApi api;
    private static GlooInstall install;
    private static Report report;

    @BeforeAll
    static void probeTheInstallThroughPortForwards() throws Exception {
        cluster = GlooForwardCluster.start();
        api = cluster.api();
        install = cluster.install();
        try (PortForwardResolver resolver = resolver(false); ProbeEngine engine = new ProbeEngine()) {
            report = new ProbeRunner(engine, resolver, new RunOptions(TIMEOUT, 0, null), null)
                    .run("gloo-mesh-enterprise", GlooInstall.checks());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @AfterEach
    void clearFaults() {
        api.clearFaults();
    }

    static PortForwardResolver resolver(boolean perEndpoint) throws Exception {
        return cluster.resolver(dir, perEndpoint, TIMEOUT);
    }

    private static CheckResult result(String name, int port) {
        return report.results().stream().filter(r -> r.check().name().equals(name) && r.check().port() == port)
                .findFirst().orElseThrow();
    }

    @Test
    void reportsEveryHealthyPortOkWithTheConnectionReachingThePodsPort() {
        record Healthy(String name, int port, String pod, String podIp, int containerPort) {
        }
        List<Healthy> healthy = List.of(
                new Healthy("gloo", 9977, GLOO_POD, GlooInstall.NET + "0.2", 9977),
                new Healthy("gloo", 9988, GLOO_POD, GlooInstall.NET + "0.2", 9988),
                new Healthy("gloo", 9979, GLOO_POD, GlooInstall.NET + "0.2", 9979),
                new Healthy("gloo", 9966, GLOO_POD, GlooInstall.NET + "0.2", 9966),
                new Healthy("gateway", 443, "gateway-5f6c7d8e9-h4k2m", GlooInstall.NET + "0.3", 8443),
                new Healthy("gateway-proxy", 80, PROXY_POD, GlooInstall.NET + "0.4", 8080),
                new Healthy("gateway-proxy", 443, PROXY_POD, GlooInstall.NET + "0.4", 8443),
                new Healthy("redis", 6379, "redis-6c8d9f7b5-t5u6v", GlooInstall.NET + "0.7", 6379),
                new Healthy("glooe-prometheus-server", 80, PROMETHEUS_POD, GlooInstall.NET + "0.8", 9091),
                new Healthy("gateway-proxy", 19000, PROXY_POD, GlooInstall.NET + "0.4", 19000));
        for (Healthy h : healthy) {
            CheckResult r = result(h.name(), h.port());
            assertThat(r.status()).as(r.check().id() + ": " + r.detail()).isEqualTo(Status.OK);
            assertThat(r.endpoint()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(r.pod()).isEqualTo(h.pod());
            assertThat(install.backend(h.podIp(), h.containerPort()).accepted())
                    .as("connections that crossed the relay to %s:%d", h.podIp(), h.containerPort()).isPositive();
        }
    }

    @Test
    void forwardsToTheReadyReplicaAndNeverToTheOneThatIsNotReady() {
        assertThat(result("gateway-proxy", 80).pod()).isEqualTo(PROXY_POD);
        assertThat(result("gateway-proxy", 443).pod()).isEqualTo(PROXY_POD);
        assertThat(install.backend(GlooInstall.NET + "0.9", 8080)).isNull();
    }

    @Test
    void resolvesNamedTargetPortsThroughThePodsContainerPortsWithoutDrift() {
        assertThat(result("gateway-proxy", 80).drift()).isEmpty();
        assertThat(result("gateway-proxy", 443).drift()).isEmpty();
    }

    @Test
    void skipsTheOptionalServiceThatIsNotInstalled() {
        CheckResult r = result("glooe-grafana", 80);
        assertThat(r.status()).isEqualTo(Status.SKIPPED);
        assertThat(r.detail()).isEqualTo("optional Service glooe-grafana is not installed in gloo-system");
        assertThat(r.failsRun()).isFalse();
    }

    @Test
    void reportsTheDriftedTargetPortAndProbesTheLivePort() {
        CheckResult r = result("glooe-prometheus-server", 80);
        assertThat(r.status()).isEqualTo(Status.OK);
        assertThat(r.drift()).containsExactly(new Drift("targetPort", 9090, 9091));
        assertThat(install.backend(GlooInstall.NET + "0.8", 9091).accepted()).isPositive();
    }

    @Test
    void reportsAServiceWithoutReadyEndpointsAsUnresolvedWithCountsAndAHint() {
        CheckResult r = result("rate-limit", 18081);
        assertThat(r.status()).isEqualTo(Status.UNRESOLVED);
        assertThat(r.detail()).contains("0 ready endpoints of 1").contains(RATE_LIMIT_POD);
        assertThat(r.hint()).isEqualTo("kubectl -n gloo-system describe pod " + RATE_LIMIT_POD);
        assertThat(r.endpoint()).isNull();
    }

    @Test
    void reportsAPortThatRefusesInsideThePodAsRefusedRatherThanOpen() {
        CheckResult r = result("extauth", 8083);
        assertThat(r.status()).isEqualTo(Status.REFUSED);
        assertThat(r.observed()).isNull();
        assertThat(r.pod()).isEqualTo(EXTAUTH_POD);
        assertThat(r.detail()).contains("port 8083 of pod " + EXTAUTH_POD + " refused").contains("connection refused");
        assertThat(r.hint()).contains("kubectl -n gloo-system logs " + EXTAUTH_POD);
        assertThat(api.relay().refusals()).isPositive();
    }

    @Test
    void failsTheRunOnTheRefusedAndUnresolvedPortsOnly() {
        assertThat(report.mode()).isEqualTo("port-forward");
        assertThat(report.namespace()).isEqualTo(NS);
        assertThat(report.summary()).isEqualTo(new Report.Summary(13, 10, 2, 1, 0));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void forwardsToEveryReadyPodWithPerEndpoint() throws Exception {
        try (PortForwardResolver resolver = resolver(true)) {
            List<Resolution> rs = resolver.resolveAll(List.of(GlooInstall.check("gloo", 9977),
                    GlooInstall.check("gateway-proxy", 80)));
            assertThat(((Resolution.Targets) rs.get(0)).targets()).extracting(Target::pod)
                    .containsExactly(GLOO_POD, GLOO_POD_2);
            assertThat(((Resolution.Targets) rs.get(1)).targets()).extracting(Target::pod).containsExactly(PROXY_POD);
        }
    }

    @Test
    void reusesOneForwardPerPodAndPortAcrossRounds() throws Exception {
        try (PortForwardResolver resolver = resolver(false)) {
            List<Check> checks = List.of(gloo(9977, Protocol.GRPC), gloo(9988, Protocol.GRPC));
            Target first = ((Resolution.Targets) resolver.resolveAll(checks).get(0)).targets().get(0);
            Target again = ((Resolution.Targets) resolver.resolveAll(checks).get(0)).targets().get(0);
            assertThat(again.port()).isEqualTo(first.port());
            assertThat(resolver.openForwards()).hasSize(2);
        }
    }

    @Test
    void reportsADeniedPortForwardAsAClusterAccessError() throws Exception {
        api.fail("GET", "/portforward", 403, "pods \"" + GLOO_POD + "\" is forbidden: User \"dev\" cannot create "
                + "resource \"pods/portforward\" in API group \"\" in the namespace \"gloo-system\"", 100);
        try (PortForwardResolver resolver = resolver(false)) {
            assertThatThrownBy(() -> resolver.resolveAll(List.of(GlooInstall.check("gloo", 9977))))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageContaining("cannot create pods/portforward in namespace gloo-system")
                    .hasMessageContaining("403")
                    .hasMessageContaining("http://127.0.0.1:" + api.port());
        }
    }

    @Test
    void saysWhichPortsAServiceHasWhenTheTablesPortIsNotAmongThem() throws Exception {
        Check wrong = new Check("gateway", dev.portprobe.plan.CheckKind.SERVICE, "gateway", 8443, 8443,
                dev.portprobe.profile.PortSpec.of(8443, dev.portprobe.profile.Protocol.TCP), true, false);
        try (PortForwardResolver resolver = resolver(false)) {
            Resolution.Finding f = (Resolution.Finding) resolver.resolveAll(List.of(wrong)).get(0);
            assertThat(f.status()).isEqualTo(Status.UNRESOLVED);
            assertThat(f.detail()).isEqualTo("Service gateway has no port 8443; it has 443/TCP (https)");
        }
    }

    @Test
    void skipsDnsOverUdpWhichNoPortForwardCarries() throws Exception {
        Check udp = new Check("gateway", dev.portprobe.plan.CheckKind.SERVICE, "gateway", 443, 8443,
                dev.portprobe.profile.PortSpec.of(443, dev.portprobe.profile.Protocol.DNS_UDP), true, false);
        try (PortForwardResolver resolver = resolver(false)) {
            Resolution.Finding f = (Resolution.Finding) resolver.resolveAll(List.of(udp)).get(0);
            assertThat(f.status()).isEqualTo(Status.SKIPPED);
            assertThat(f.detail()).contains("TCP only");
        }
    }

    @Test
    void aRefusalBehindANonTcpCheckShowsOnTheProbesOwnConnection() throws Exception {
        // The preflight's watch of a non-TCP check's forward does not wait for the kubelet's refusal: the probe's
        // own connection must show it.
        assertThat(connectionsOfTheRefusedPort(Protocol.HTTP, 0)).as("the preflight's watch and the probe's own")
                .isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"HTTP", "HTTPS", "GRPC", "REDIS"})
    void aProbeDoesNotDialAgainThroughAForwardWhoseKubeletRefusedThePort(Protocol expected) throws Exception {
        // Every probe here follows an empty answer with an identification, which would dial the port again (TLS,
        // HTTP, gRPC steps) through new websockets that the kubelet refuses too.
        assertThat(connectionsOfTheRefusedPort(expected, 0)).as("the preflight's watch and the probe's own")
                .isEqualTo(2);
    }

    @Test
    void aRetryDialsThePortAgainThoughTheForwardWasRefused() throws Exception {
        // Each attempt's first dial goes out (the pod may have started to listen); only the follow-ups are spared.
        assertThat(connectionsOfTheRefusedPort(Protocol.HTTP, 2)).as("the watch, and one dial per attempt").isEqualTo(4);
    }

    @Test
    void thePreflightWatchesTheForwardsOfTcpChecksAndNoOther() throws Exception {
        try (PortForwardResolver resolver = resolver(false)) {
            resolver.resolveAll(List.of(gloo(9977, Protocol.GRPC), GlooInstall.check("gloo", 9988),
                    gloo(9979, Protocol.HTTP)));
            assertThat(resolver.openForwards()).extracting(f -> f.port() + "=" + f.connectionMark())
                    .containsExactly("9977=0", "9988=1", "9979=0");
        }
    }

    @Test
    void withoutTcpChecksThePreflightWatchesOneForwardForTheApisAnswer() throws Exception {
        try (PortForwardResolver resolver = resolver(false)) {
            List<Check> checks = List.of(gloo(9977, Protocol.GRPC), gloo(9988, Protocol.GRPC));
            resolver.resolveAll(checks);
            assertThat(resolver.openForwards()).extracting(f -> f.port() + "=" + f.connectionMark())
                    .containsExactly("9977=1", "9988=0");
            resolver.resolveAll(checks); // a later round: both forwards are known, none is watched again
            assertThat(resolver.openForwards()).extracting(f -> f.port() + "=" + f.connectionMark())
                    .containsExactly("9977=1", "9988=0");
        }
    }

    /** A check of the gloo Service's port expecting {@code protocol} (the test profile's checks all expect TCP). */
    private static Check gloo(int port, Protocol protocol) {
        return new Check("gloo", dev.portprobe.plan.CheckKind.SERVICE, "gloo", port, port,
                dev.portprobe.profile.PortSpec.of(port, protocol), true, false);
    }

    /**
     * Probes extauth's port 8083, which refuses inside the pod, expecting {@code expected} with {@code retries}, checks
     * that the result is the kubelet's refusal, and returns how many connections crossed the check's forward.
     */
    private static long connectionsOfTheRefusedPort(Protocol expected, int retries) throws Exception {
        Check check = new Check("extauth", dev.portprobe.plan.CheckKind.SERVICE, "extauth", 8083, 8083,
                dev.portprobe.profile.PortSpec.of(8083, expected), true, false);
        try (PortForwardResolver resolver = resolver(false); ProbeEngine engine = new ProbeEngine()) {
            Report r = new ProbeRunner(engine, resolver, new RunOptions(TIMEOUT, retries, null), null)
                    .run("gloo-mesh-enterprise", List.of(check));
            CheckResult result = r.results().get(0);
            assertThat(result.status()).as(result.detail()).isEqualTo(Status.REFUSED);
            assertThat(result.detail()).startsWith("port-forward: port 8083 of pod " + EXTAUTH_POD + " refused");
            assertThat(resolver.openForwards()).hasSize(1);
            return resolver.openForwards().get(0).connectionMark();
        }
    }
}
