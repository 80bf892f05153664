package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD;
import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD_2;
import static dev.portprobe.testing.kube.GlooInstall.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Status;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import dev.portprobe.testing.kube.K8sObjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One resolver over many rounds, as {@code serve} keeps it: what its forwards remember does not grow with the rounds,
 * and a forward no check goes through any more (its pod was replaced) is closed, not kept for ever.
 */
class PortForwardRoundsTest {
    /**
     * The run's --timeout, which also bounds each API call and port-forward upgrade. No case here tests it, and every
     * healthy path ends as soon as the fake API and the pods answer, so it is one a loaded machine meets.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROUNDS = 30;

    @TempDir
    Path dir;
    private GlooForwardCluster cluster;
    private FakeKubeApi api;
    private GlooInstall install;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = GlooForwardCluster.start();
        api = cluster.api();
        install = cluster.install();
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void forwardsKeepOnlyTheConnectionsOfTheRoundInFlight() throws Exception {
        try (PortForwardResolver resolver = resolver(); ProbeEngine engine = new ProbeEngine()) {
            ProbeRunner runner = new ProbeRunner(engine, resolver, new RunOptions(TIMEOUT, 0, null), null);
            List<Integer> tracked = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                Report report = runner.run("gloo-mesh-enterprise", GlooInstall.checks());
                assertThat(result(report, "gloo", 9977).status()).as(report.toString()).isEqualTo(Status.OK);
                tracked.add(resolver.openForwards().stream().mapToInt(Forward::trackedConnections).sum());
            }
            int forwards = resolver.openForwards().size();
            // every round opens at least one connection per forward (its probe) and TCP checks' forwards a watch too:
            // without forgetting the ended ones, the last round would track ROUNDS times the first's
            assertThat(api.relay().sessions()).as("websockets the rounds opened").isGreaterThanOrEqualTo(ROUNDS * forwards);
            assertThat(tracked.get(ROUNDS - 1)).as("connections tracked after each round: %s", tracked)
                    .isLessThanOrEqualTo(3 * forwards);
        }
    }

    @Test
    void closesTheForwardOfAPodThatNoLongerBacksItsService() throws Exception {
        try (PortForwardResolver resolver = resolver(); ProbeEngine engine = new ProbeEngine()) {
            ProbeRunner runner = new ProbeRunner(engine, resolver, new RunOptions(TIMEOUT, 0, null), null);
            Report first = runner.run("gloo-mesh-enterprise", GlooInstall.checks());
            String gone = result(first, "gloo", 9977).pod();
            String other = gone.equals(GLOO_POD) ? GLOO_POD_2 : GLOO_POD;
            Forward old = forwardTo(resolver, gone, 9977);
            int before = resolver.openForwards().size();
            try (var admin = api.adminClient()) { // a rollout: the probed pod goes unready
                admin.resource(K8sObjects.slice(NS, "gloo", Map.of("grpc-xds", 9977, "grpc-validation", 9988,
                        "wasm-cache", 9979, "grpc-proxydebug", 9966), ep(gone, false), ep(other, true))).update();
            }
            Report second = runner.run("gloo-mesh-enterprise", GlooInstall.checks());
            assertThat(result(second, "gloo", 9977).pod()).isEqualTo(other);
            assertThat(result(second, "gloo", 9977).status()).isEqualTo(Status.OK);
            assertThat(old.isAlive()).as("the forward to the pod no check goes to any more").isFalse();
            assertThat(resolver.openForwards()).doesNotContain(old).hasSize(before);
            assertThat(resolver.openForwards()).noneMatch(f -> f.pod().equals(gone));
        }
    }

    private PortForwardResolver resolver() throws Exception {
        return cluster.resolver(dir, false, TIMEOUT);
    }

    private static Forward forwardTo(PortForwardResolver resolver, String pod, int port) {
        return resolver.openForwards().stream().filter(f -> f.pod().equals(pod) && f.port() == port).findFirst()
                .orElseThrow();
    }

    private static K8sObjects.Ep ep(String pod, boolean ready) {
        return new K8sObjects.Ep(pod, GlooInstall.POD_IPS.get(pod), ready);
    }

    private static CheckResult result(Report report, String name, int port) {
        return report.results().stream().filter(r -> r.check().name().equals(name) && r.check().port() == port)
                .findFirst().orElseThrow();
    }
}
