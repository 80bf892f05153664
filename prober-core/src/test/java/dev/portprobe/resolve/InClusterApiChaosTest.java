package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooInstall.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunListener;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.ApiLink;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-cluster mode when the API or the cluster DNS fails, as against a port that fails: the API that goes away
 * between rounds or answers 5 s late is the API's (exit 3, the report keeps what was gathered), a DNS that answers
 * nothing is UNRESOLVED with a note that names the cluster DNS, and only a port that refuses is REFUSED.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InClusterApiChaosTest {
    /** The deadline under test: the case where every API answer comes 5 s late runs with it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * The deadline of the cases whose verdict comes from what the API and DNS do (the API stops, no name resolves),
     * not from the clock: one a loaded machine meets, since those paths end as soon as the peers act.
     */
    private static final Duration ANSWERED = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static GlooInstall install;
    private static Path sa;
    private ApiLink link;

    @BeforeAll
    static void start() throws Exception {
        api = FakeKubeApi.startHttps();
        try (var admin = api.adminClient()) {
            GlooInstall.load(admin, api.relay());
        }
        install = new GlooInstall().startPodServers().startServiceServers();
        sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "t0ken-of-the-pod\n");
        Files.copy(api.caCertificate(), sa.resolve("ca.crt"));
        Files.writeString(sa.resolve("namespace"), "portprobe");
    }

    @AfterAll
    static void stop() throws Exception {
        if (install != null) {
            install.close();
            install = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    @BeforeEach
    void link() throws Exception {
        link = ApiLink.to(api);
    }

    @AfterEach
    void unlink() {
        link.close();
    }

    /** The cluster DNS and Service NAT: every Service of the install at its VIP. */
    private static NameResolver clusterDns() {
        return install.clusterNetwork("cluster.local");
    }

    private Report run(List<Check> checks, NameResolver names, Duration waitFor, RunListener listener)
            throws Exception {
        return run(ANSWERED, checks, names, waitFor, listener);
    }

    /** As above, with {@code timeout} as the run's --timeout (the API calls' and the DNS lookups' deadline too). */
    private Report run(Duration timeout, List<Check> checks, NameResolver names, Duration waitFor,
                       RunListener listener) throws Exception {
        KubeAccess access = KubeAccess.inCluster(new ServiceAccount(sa, "localhost", String.valueOf(link.port())),
                new KubeOptions(null, null, null, timeout));
        try (Resolver resolver = new InClusterResolver(access, NS, GlooInstall.profile(), "cluster.local", false,
                names, timeout); ProbeEngine engine = new ProbeEngine()) {
            return new ProbeRunner(engine, resolver, new RunOptions(timeout, 0, waitFor), listener)
                    .run("gloo-mesh-enterprise", checks);
        }
    }

    private static CheckResult result(Report report, String name, int port) {
        return report.results().stream().filter(r -> r.check().name().equals(name) && r.check().port() == port)
                .findFirst().orElseThrow();
    }

    @Test
    void keepsTheVerdictsGatheredWhenTheApiStopsBetweenRounds() throws Exception {
        RunListener stopAfterRoundOne = new RunListener() {
            @Override
            public void roundFailed(int round, int failing, int total, Duration pause, Duration left) {
                link.stop();
            }
        };
        Report report = run(List.of(GlooInstall.check("gloo", 9977), GlooInstall.check("extauth", 8083)),
                clusterDns(), Duration.ofSeconds(30), stopAfterRoundOne);
        assertThat(result(report, "gloo", 9977).status()).isEqualTo(Status.OK);
        CheckResult refused = result(report, "extauth", 8083);
        assertThat(refused.status()).as("the port failed, and says so").isEqualTo(Status.REFUSED);
        assertThat(report.apiError()).contains("cannot reach the API server of cluster https://localhost:"
                + link.port()).contains("results of round 1");
        assertThat(report.exitCode()).isEqualTo(3);
    }

    @Test
    void saysTheApiDidNotAnswerWhenEveryAnswerComesFiveSecondsLate() {
        link.fault(new ApiLink.Fault.Late(Duration.ofSeconds(5)));
        assertThatThrownBy(() -> run(TIMEOUT, List.of(GlooInstall.check("gloo", 9977)), clusterDns(),
                Duration.ZERO, null))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageContaining("did not answer within " + TIMEOUT.toMillis() + " ms");
    }

    @Test
    void blamesTheClusterDnsNotThePortsWhenNoNameResolves() throws Exception {
        NameResolver down = host -> {
            throw new UnknownHostException(host + ": Temporary failure in name resolution");
        };
        Report report = run(List.of(GlooInstall.check("gloo", 9977), GlooInstall.check("redis", 6379)), down,
                Duration.ZERO, null);
        for (CheckResult r : report.results()) {
            assertThat(r.status()).as(r.check().id()).isEqualTo(Status.UNRESOLVED);
            assertThat(r.detail()).startsWith("DNS: ");
        }
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("the cluster DNS failed, not the ports")
                .contains("k8s-app=kube-dns"));
        assertThat(report.apiError()).isNull();
        assertThat(report.exitCode()).isEqualTo(1);
    }
}
