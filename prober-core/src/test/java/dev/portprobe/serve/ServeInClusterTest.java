package dev.portprobe.serve;

import static dev.portprobe.testing.kube.GlooInstall.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.resolve.InClusterResolver;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.resolve.ServiceAccount;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import dev.portprobe.testing.kube.Sockets;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in in-cluster mode, as its Deployment runs it: the mounted service account's token and CA against the
 * fake API over HTTPS, the cluster's DNS names of the Services dialled through the simulated cluster network to real
 * loopback servers, every {@code --interval}. Rounds come, /metrics serves them, and threads and descriptors after
 * 2N rounds are those after N.
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/fd
class ServeInClusterTest {
    private static final String SA_TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VydmljZWFjY291bnQ.c2lnbmF0dXJl";
    private static final int ROUNDS = 40;
    private static final int TOLERANCE = 3;
    private static final long BOUND_MILLIS = 180_000;

    @TempDir
    Path dir;

    @Test
    void roundsComeEveryIntervalWithTheServiceAccountAndStayFlat() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.startHttps()) {
            try (var admin = api.adminClient()) {
                GlooInstall.load(admin, api.relay());
            }
            try (GlooInstall install = new GlooInstall().startPodServers().startServiceServers()) {
                Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
                Files.writeString(sa.resolve("token"), SA_TOKEN + "\n");
                Files.copy(api.caCertificate(), sa.resolve("ca.crt"));
                Files.writeString(sa.resolve("namespace"), "portprobe");
                Duration timeout = Duration.ofSeconds(5);
                KubeAccess access = KubeAccess.inCluster(new ServiceAccount(sa, "localhost", String.valueOf(api.port())),
                        new KubeOptions(null, null, null, timeout));
                List<String> log = new CopyOnWriteArrayList<>();
                try (InClusterResolver resolver = new InClusterResolver(access, access.namespaceFor(NS),
                        GlooInstall.profile(), "cluster.local", false, install.clusterNetwork("cluster.local"), timeout);
                     ProbeEngine engine = new ProbeEngine();
                     Exporter exporter = Exporter.start(engine, resolver, "gloo-mesh-enterprise", GlooInstall.checks(),
                             new RunOptions(timeout, 0, Duration.ZERO), ServeOptions.of(new InetSocketAddress(
                                     "127.0.0.1", 0), Duration.ofMillis(20), timeout), "in-cluster", log::add)) {
                    InetSocketAddress at = exporter.address();
                    long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000;
                    awaitRounds(exporter, at, 5, deadline);
                    long start = exporter.rounds();
                    awaitRounds(exporter, at, start + ROUNDS, deadline);
                    long[] afterN = reading(exporter);
                    // Every round dials gloo:9977 once before it ends, and the next round may have dialled already
                    // when a count is read: read the dials before the rounds here, and the rounds before the dials
                    // at the end, and one round in flight is all that can fall between them.
                    int acceptedAfterN = install.backend(GlooInstall.NET + "1.2", 9977).accepted();
                    long roundsAfterN = exporter.rounds();
                    awaitRounds(exporter, at, start + 2 * ROUNDS, deadline);
                    long roundsAfter2N = exporter.rounds();
                    int acceptedAfter2N = install.backend(GlooInstall.NET + "1.2", 9977).accepted();
                    long[] after2N = reading(exporter);
                    String metrics = Scrapes.get(at, "/metrics").body();
                    System.out.printf("serve in-cluster: threads %d -> %d, fds %d -> %d after %d and %d rounds; log %s%n",
                            afterN[0], after2N[0], afterN[1], after2N[1], ROUNDS, 2 * ROUNDS, log);

                    assertThat(Scrapes.get(at, "/-/ready").status()).isEqualTo(200);
                    String gloo = "{cluster=\"in-cluster\",namespace=\"" + NS + "\",name=\"gloo\",kind=\"service\","
                            + "port=\"9977\"";
                    assertThat(Scrapes.sample(metrics, "portprobe_check_ok" + gloo)).isEqualTo("1");
                    assertThat(Scrapes.sample(metrics, "portprobe_check_status{cluster=\"in-cluster\",namespace=\"" + NS
                            + "\",name=\"extauth\",kind=\"service\",port=\"8083\",expected=\"tcp\",status=\"REFUSED\"}"))
                            .isEqualTo("1");
                    assertThat(Scrapes.sample(metrics, "portprobe_round_errors_total")).isEqualTo("0");
                    assertThat(roundsAfter2N - roundsAfterN).isGreaterThanOrEqualTo(ROUNDS / 2);
                    assertThat((long) acceptedAfter2N - acceptedAfterN)
                            .as("gloo:9977's server behind its Service address, dialled every round")
                            .isGreaterThanOrEqualTo(roundsAfter2N - roundsAfterN - 1);
                    assertThat(api.authorizations()).contains("Bearer " + SA_TOKEN);
                    assertThat(after2N[0]).as("live threads after N and 2N rounds").isLessThanOrEqualTo(afterN[0] + TOLERANCE);
                    assertThat(after2N[1]).as("descriptors after N and 2N rounds").isLessThanOrEqualTo(afterN[1] + TOLERANCE);
                }
            }
        }
    }

    private static void awaitRounds(Exporter exporter, InetSocketAddress at, long rounds, long deadline)
            throws Exception {
        while (exporter.rounds() < rounds) {
            assertThat(System.nanoTime() - deadline).as("%d rounds (at %d)", rounds, exporter.rounds()).isNegative();
            assertThat(Scrapes.get(at, "/metrics").status()).isEqualTo(200);
            Thread.sleep(50);
        }
    }

    /** Threads and descriptors, each the lowest seen over a few rounds (what stays, not what a round holds). */
    private static long[] reading(Exporter exporter) throws Exception {
        long threads = Long.MAX_VALUE;
        long fds = Long.MAX_VALUE;
        long until = exporter.rounds() + 3;
        while (exporter.rounds() < until) {
            threads = Math.min(threads, ManagementFactory.getThreadMXBean().getThreadCount());
            fds = Math.min(fds, Sockets.openFds());
            Thread.sleep(5);
        }
        return new long[] {threads, fds};
    }
}
