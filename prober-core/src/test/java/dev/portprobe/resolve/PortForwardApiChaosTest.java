package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooEnterpriseCluster.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.ApiLink;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes API fails while a port-forward run is under way: the fake API and the kubelet relay, reached
 * through an {@link ApiLink} that stops, stalls, delays or cuts. Every spoiled result is ERROR and names the phase
 * (upgrade or stream), never REFUSED or TIMEOUT; the run ends within its deadline (the {@code @Timeout}), with its
 * report and an {@code apiError} (exit code 3). The checks speak gRPC, HTTP and RESP, so the pod speaks only after
 * the probe's bytes crossed the forward.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PortForwardApiChaosTest {
    /** The deadline under test: the cases where the API stalls or answers 5 s late run with it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * The deadline of the cases whose verdict comes from what the API does (stops, answers 500 or 403, cuts the
     * stream) and not from the clock: one a loaded machine meets, since those paths end as soon as the API acts.
     */
    private static final Duration ANSWERED = Duration.ofSeconds(30);
    private static final List<String> PROBED = List.of("gloo:9977", "gateway-proxy:80", "redis:6379");

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static GlooEnterpriseCluster cluster;
    private ApiLink link;

    @BeforeAll
    static void install() throws Exception {
        api = FakeKubeApi.start();
        cluster = GlooEnterpriseCluster.install(api);
    }

    @AfterAll
    static void uninstall() {
        cluster.close();
        api.close();
    }

    @BeforeEach
    void link() throws Exception {
        link = ApiLink.to(api);
    }

    @AfterEach
    void unlink() {
        link.close();
        api.clearFaults();
    }

    @Test
    void blamesTheApiWhenItStopsAfterTheChecksWereResolved() throws Exception {
        Report report = run(PROBED, Duration.ZERO, round -> link.stop());
        assertEveryResultBlamesTheApi(report, "port-forward upgrade to port ", "cannot reach the API server "
                + "(connection refused)");
        assertThat(report.apiError()).contains("failed during the run").contains("cannot reach the API server")
                .contains("kubectl cluster-info");
    }

    @Test
    void keepsTheVerdictsOfTheFirstRoundWhenTheApiStopsBeforeTheNextOne() throws Exception {
        // extauth refuses inside its pod, so --wait probes it again; the API is gone before round 2 resolves.
        Report report = run(List.of("gloo:9977", "redis:6379", "extauth:8083"), Duration.ofSeconds(30), round -> {
            if (round == 2) {
                link.stop();
            }
        });
        assertThat(result(report, "gloo:9977").status()).isEqualTo(Status.OK);
        assertThat(result(report, "redis:6379").status()).isEqualTo(Status.OK);
        assertThat(result(report, "extauth:8083").status()).isEqualTo(Status.REFUSED);
        assertThat(report.apiError()).contains("cannot reach the API server").contains("round 2")
                .contains("results of round 1");
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void blamesTheApiWhenThePortForwardUpgradeIsAnswered500() throws Exception {
        Report report = run(PROBED, Duration.ZERO, round -> api.fail("GET", "/portforward", 500,
                "etcdserver: request timed out", 1000));
        assertEveryResultBlamesTheApi(report, "port-forward upgrade to port ",
                "the API server answered 500 Internal Server Error");
        assertThat(report.apiError()).contains("500 Internal Server Error");
    }

    @Test
    void pointsAtRbacWhenThePortForwardUpgradeIsAnswered403MidRun() throws Exception {
        Report report = run(PROBED, Duration.ZERO, round -> api.fail("GET", "/portforward", 403,
                "pods is forbidden: cannot create resource \"pods/portforward\"", 1000));
        for (CheckResult r : report.results()) {
            assertThat(r.status()).as(r.check().id() + ": " + r.detail()).isEqualTo(Status.ERROR);
            assertThat(r.detail()).contains("port-forward upgrade").contains("denied it (403 Forbidden)");
            assertThat(r.hint()).contains("kubectl auth can-i create pods/portforward -n " + NS);
        }
        assertThat(report.apiError()).contains("access denied").contains("during the run")
                .contains("cannot create pods/portforward in namespace " + NS);
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void blamesTheApiWhenThePortForwardUpgradeIsNeverAnswered() throws Exception {
        Report report = run(TIMEOUT, PROBED, Duration.ZERO, round -> link.fault(new ApiLink.Fault.Stall()));
        assertEveryResultBlamesTheApi(report, "port-forward upgrade to port ", "did not answer the upgrade");
    }

    @Test
    void blamesTheApiWhenItClosesTheStreamAfterTheFirstBytes() throws Exception {
        Report report = run(PROBED, Duration.ZERO, round -> link.fault(new ApiLink.Fault.CutStreams(4)));
        assertEveryResultBlamesTheApi(report, "port-forward stream to port ",
                "the API server closed the port-forward stream");
    }

    @Test
    void blamesTheApiWhenEveryAnswerComesFiveSecondsLateDuringTheRun() throws Exception {
        Report report = run(TIMEOUT, PROBED, Duration.ZERO,
                round -> link.fault(new ApiLink.Fault.Late(Duration.ofSeconds(5))));
        assertEveryResultBlamesTheApi(report, "port-forward upgrade to port ", "did not answer the upgrade");
    }

    @Test
    void saysTheApiDidNotAnswerWhenEveryAnswerComesFiveSecondsLateFromTheStart() {
        link.fault(new ApiLink.Fault.Late(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> run(TIMEOUT, PROBED, Duration.ZERO, round -> { }))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("the API server of cluster http://127.0.0.1:" + link.port())
                .hasMessageContaining("did not answer within " + TIMEOUT.toMillis() + " ms");
    }

    private static void assertEveryResultBlamesTheApi(Report report, String phase, String words) {
        assertThat(report.results()).hasSize(PROBED.size());
        for (CheckResult r : report.results()) {
            assertThat(r.status()).as(r.check().id() + ": " + r.detail()).isEqualTo(Status.ERROR);
            assertThat(r.detail()).as(r.check().id()).contains(phase + r.check().targetPort()).contains(words)
                    .doesNotContainIgnoringCase("null");
            assertThat(r.hint()).as(r.check().id()).contains("kubectl cluster-info");
            assertThat(r.observed()).isNull();
        }
        assertThat(report.apiError()).isNotNull().doesNotContain("\n");
        assertThat(report.exitCode()).isEqualTo(3);
    }

    private static CheckResult result(Report report, String id) {
        return report.results().stream().filter(r -> r.check().id().equals(id)).findFirst().orElseThrow();
    }

    /** Probes {@code ids} through the link; {@code afterResolving} runs as each round's checks are resolved. */
    private Report run(List<String> ids, Duration waitFor, IntConsumer beforeRound) throws Exception {
        return run(ANSWERED, ids, waitFor, beforeRound);
    }

    /** As above, with {@code timeout} as the run's --timeout (the API calls' and the upgrades' deadline too). */
    private Report run(Duration timeout, List<String> ids, Duration waitFor, IntConsumer beforeRound)
            throws Exception {
        List<Check> checks = cluster.checks().stream().filter(c -> ids.contains(c.id())).toList();
        KubeAccess access = KubeAccess.connect(new KubeOptions(
                api.kubeconfig(dir, "chaos", null, "t0ken-for-tests", link.port()), null, null, timeout));
        try (Resolver resolver = new Faulting(new PortForwardResolver(access, NS, cluster.profile(), false),
                beforeRound); ProbeEngine engine = new ProbeEngine()) {
            return new ProbeRunner(engine, resolver, new RunOptions(timeout, 0, waitFor), null)
                    .run(GlooEnterpriseCluster.PROFILE, checks);
        }
    }

    /**
     * A resolver whose API turns bad at a chosen moment: {@code fault} gets the round number; round 1's fault comes
     * after its checks were resolved (so the probes meet it), a later round's before it resolves.
     */
    private static final class Faulting implements Resolver {
        private final Resolver inner;
        private final IntConsumer fault;
        private final AtomicInteger rounds = new AtomicInteger();

        Faulting(Resolver inner, IntConsumer fault) {
            this.inner = inner;
            this.fault = fault;
        }

        @Override
        public String mode() {
            return inner.mode();
        }

        @Override
        public String namespace() {
            return inner.namespace();
        }

        @Override
        public List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
            int round = rounds.incrementAndGet();
            if (round > 1) {
                fault.accept(round);
            }
            List<Resolution> out = inner.resolveAll(checks);
            if (round == 1) {
                fault.accept(round);
            }
            return out;
        }

        @Override
        public String apiFailure() {
            return inner.apiFailure();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
