package dev.portprobe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.resolve.PortForwardResolver;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import dev.portprobe.testing.kube.Leaks;
import dev.portprobe.testing.kube.Sockets;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} in port-forward mode, round after round: the built-in Enterprise profile against the fake API in CRUD
 * mode, whose pods' ports are a simulated install's real servers behind the kubelet relay, so every probe's bytes
 * cross a {@code v4.channel.k8s.io} websocket. The forwards are kept across rounds and every probe connection is a
 * websocket of its own, so what a round leaves behind (fabric8's per-connection pumper thread, a websocket, a relay
 * session, the forward's record of the connection) would grow with the rounds. After a warm-up, threads, descriptors
 * and open relay sessions after 2N rounds are those after N (within a small tolerance), and once the exporter and its
 * resolver are closed nothing they started is left. No timing is asserted.
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/fd
class ServePortForwardSoakTest {
    private static final int WARM_UP = 10;
    private static final int ROUNDS = 80;
    private static final int TOLERANCE = 3;
    /** The whole run must end within this (it takes well under a minute on an idle 2-core machine). */
    private static final Duration BOUND = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    /** What a round may leave behind, read between rounds. */
    private record Reading(long rounds, int threads, int pumpers, long fds, int sessions) {
    }

    @Test
    void roundsThroughPortForwardsKeepThreadsDescriptorsAndWebsocketsFlat() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start(); GlooEnterpriseCluster cluster = GlooEnterpriseCluster.install(api)) {
            Path kubeconfig = api.kubeconfig(dir, "gloo-ee", null, "t0ken-for-tests");
            Set<Thread> clusterThreads = Leaks.threads();
            long fdsWithCluster = Sockets.openFds();
            List<String> log = new CopyOnWriteArrayList<>();
            Reading afterN;
            Reading after2N;
            String metrics;
            long deadline = System.nanoTime() + BOUND.toNanos();
            RunOptions run = new RunOptions(Duration.ofSeconds(10), 0, Duration.ZERO);
            ServeOptions options = ServeOptions.of(new InetSocketAddress("127.0.0.1", 0), Duration.ZERO,
                    Duration.ofSeconds(2));
            KubeAccess access = KubeAccess.connect(new KubeOptions(kubeconfig, null, null, Duration.ofSeconds(10)));
            try (PortForwardResolver resolver = new PortForwardResolver(access, GlooEnterpriseCluster.NS,
                    cluster.profile(), false);
                 ProbeEngine engine = new ProbeEngine(EngineOptions.defaults());
                 Exporter exporter = Exporter.start(engine, resolver, GlooEnterpriseCluster.PROFILE, cluster.checks(),
                         run, options, "gloo-ee", log::add)) {
                InetSocketAddress at = exporter.address();
                scrapeUntil(exporter, at, WARM_UP, deadline);
                long start = exporter.rounds();
                scrapeUntil(exporter, at, start + ROUNDS, deadline);
                afterN = reading(exporter, api, clusterThreads);
                scrapeUntil(exporter, at, start + 2 * ROUNDS, deadline);
                after2N = reading(exporter, api, clusterThreads);
                metrics = Scrapes.get(at, "/metrics").body();
                System.out.printf("serve port-forward: after N %s; after 2N %s; relay %s; log %s%n", afterN, after2N,
                        api.relay(), log);
            }
            assertThat(after2N.pumpers()).as("fabric8 pumper threads after N and 2N rounds: %s, %s", afterN, after2N)
                    .isLessThanOrEqualTo(afterN.pumpers() + TOLERANCE);
            assertThat(after2N.threads()).as("live threads after N and 2N rounds: %s, %s", afterN, after2N)
                    .isLessThanOrEqualTo(afterN.threads() + TOLERANCE);
            assertThat(after2N.fds()).as("descriptors after N and 2N rounds: %s, %s", afterN, after2N)
                    .isLessThanOrEqualTo(afterN.fds() + TOLERANCE);
            assertThat(after2N.sessions()).as("relay websockets open after N and 2N rounds: %s, %s", afterN, after2N)
                    .isLessThanOrEqualTo(afterN.sessions() + TOLERANCE);
            // the rounds went through the forwards: healthy ports OK, the port refused inside its pod REFUSED
            assertThat(Scrapes.sample(metrics, "portprobe_check_ok{cluster=\"gloo-ee\",namespace=\""
                    + GlooEnterpriseCluster.NS + "\",name=\"gloo\",kind=\"service\",port=\"9977\"")).isEqualTo("1");
            assertThat(Scrapes.sample(metrics, "portprobe_check_ok{cluster=\"gloo-ee\",namespace=\""
                    + GlooEnterpriseCluster.NS + "\",name=\"redis\",kind=\"service\",port=\"6379\"")).isEqualTo("1");
            assertThat(Scrapes.sample(metrics, "portprobe_check_status{cluster=\"gloo-ee\",namespace=\""
                    + GlooEnterpriseCluster.NS + "\",name=\"extauth\",kind=\"service\",port=\"8083\",expected=\"grpc\","
                    + "status=\"REFUSED\"}")).isEqualTo("1");
            assertThat(Scrapes.sample(metrics, "portprobe_round_errors_total")).isEqualTo("0");
            // gRPC keeps its connection across rounds; an HTTP check dials through the forward every round
            assertThat(api.relay().dialed(GlooEnterpriseCluster.NS, GlooEnterpriseCluster.PROXY_POD, 8080))
                    .as("connections the relay made to gateway-proxy:80").isGreaterThanOrEqualTo(2 * ROUNDS);
            assertThat(Leaks.eventually(() -> api.relay().openSessions() == 0, 15_000))
                    .as("port-forward websockets still open after close: %s", api.relay()).isTrue();
            assertThat(Leaks.eventually(() -> left(clusterThreads).isEmpty(), 15_000))
                    .as("threads left after the exporter and its resolver closed: %s", left(clusterThreads)).isTrue();
            assertThat(Leaks.eventually(() -> fds() <= fdsWithCluster, 15_000))
                    .as("descriptors: %d before the exporter started, %d after it closed", fdsWithCluster, fds())
                    .isTrue();
        }
    }

    private static void scrapeUntil(Exporter exporter, InetSocketAddress at, long rounds, long deadline)
            throws Exception {
        while (exporter.rounds() < rounds) {
            assertThat(System.nanoTime() - deadline).as("%d rounds within %s (at %d)", rounds, BOUND,
                    exporter.rounds()).isNegative();
            assertThat(Scrapes.get(at, "/metrics").status()).isEqualTo(200);
            Thread.sleep(50);
        }
    }

    /**
     * Read between two rounds' worth of activity: the round in flight has its own connections open, so each count
     * is taken as the lowest seen over a few rounds (what stays, not what a round holds for a moment).
     */
    private static Reading reading(Exporter exporter, FakeKubeApi api, Set<Thread> baseline) throws Exception {
        int threads = Integer.MAX_VALUE;
        int pumpers = Integer.MAX_VALUE;
        long fds = Long.MAX_VALUE;
        int sessions = Integer.MAX_VALUE;
        long until = exporter.rounds() + 5;
        long rounds = exporter.rounds();
        while (exporter.rounds() < until) {
            threads = Math.min(threads, ManagementFactory.getThreadMXBean().getThreadCount());
            pumpers = Math.min(pumpers, pumpers(baseline).size());
            fds = Math.min(fds, fds());
            sessions = Math.min(sessions, api.relay().openSessions());
            rounds = exporter.rounds();
            Thread.sleep(5);
        }
        return new Reading(rounds, threads, pumpers, fds, sessions);
    }

    /** fabric8's per-port-forward executor threads ({@code pool-N-thread-M}, not daemons) started since baseline. */
    private static List<String> pumpers(Set<Thread> baseline) {
        return Leaks.threads().stream().filter(t -> !baseline.contains(t))
                .filter(t -> t.getName().startsWith("pool-")).map(Thread::getName).collect(Collectors.toList());
    }

    /** Threads the exporter, its engine or its resolver started and left: named portprobe-*, grpc-*, OkHttp, pool-. */
    private static List<String> left(Set<Thread> baseline) {
        return Leaks.threads().stream().filter(t -> !baseline.contains(t))
                .filter(t -> !t.getName().startsWith("vert.x") && !Leaks.isTaskRunnerThread(t))
                .filter(t -> t.getName().startsWith("portprobe-") || t.getName().startsWith("grpc-")
                        || t.getName().startsWith("pool-") || t.getName().startsWith("OkHttp") || !t.isDaemon())
                .map(Thread::getName).collect(Collectors.toList());
    }

    private static long fds() {
        try {
            return Sockets.openFds();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
