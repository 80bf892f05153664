package dev.portprobe.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.resolve.DirectResolver;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.SoakServers;
import dev.portprobe.testing.kube.Leaks;
import dev.portprobe.testing.kube.Sockets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Soak: {@code serve} runs 10,000 rounds back to back (interval 0) in direct mode against a small profile of real
 * loopback peers, healthy and hostile (HTTP, gRPC with health, TCP, a connection reset, a closed port) ({@link SoakServers}, in a child JVM so that this process's descriptors and threads are the exporter's),
 * while the test scrapes {@code /metrics} and calls {@code /probe}. After a warm-up, the open descriptors and the live
 * threads at the end are those of the start (within a small tolerance), the heap after GC has not grown, and after the
 * exporter and its engine are closed, nothing they started is left. No timing is asserted.
 */
class ServeSoakTest {
    private static final int ROUNDS = 10_000;
    private static final int WARM_UP = 200;
    private static final int FD_TOLERANCE = 4;
    private static final int THREAD_TOLERANCE = 2;
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;
    /**
     * The whole soak (warm-up and rounds) must end within this, so that CI time is bounded: 10,200 rounds took
     * 825 s on this 2-core machine at load average ~30; an idle machine takes a fraction of that.
     */
    private static final Duration SOAK_BOUND = Duration.ofMinutes(30);

    @Test
    void tenThousandRoundsKeepDescriptorsThreadsAndHeapFlat() throws Exception {
        Process servers = startServers();
        try {
            Map<String, Integer> ports = readPorts(servers);
            List<Check> checks = List.of(
                    check("http", ports.get("http"), Protocol.HTTP),
                    check("grpc", ports.get("grpc"), Protocol.GRPC),
                    check("tcp", ports.get("tcp"), Protocol.TCP),
                    check("reset", ports.get("reset"), Protocol.GRPC),
                    check("closed", Ports.closed(), Protocol.HTTP));
            Scrapes.get(new InetSocketAddress("127.0.0.1", ports.get("http")), "/"); // the HTTP client's own threads
            Set<Thread> threadsBefore = Leaks.threads();
            long fdsBefore = Sockets.openFds();
            soak(checks, ports);
            assertThat(Leaks.eventually(() -> exporterThreads(threadsBefore).isEmpty(), 15_000))
                    .as("threads left after the exporter closed: %s", exporterThreads(threadsBefore)).isTrue();
            assertThat(Leaks.eventually(() -> fds() <= fdsBefore, 15_000))
                    .as("descriptors: %d before the exporter started, %d after it closed", fdsBefore, fds()).isTrue();
        } finally {
            servers.getOutputStream().close();
            if (!servers.waitFor(10, TimeUnit.SECONDS)) {
                servers.destroyForcibly().waitFor();
            }
        }
    }

    private static void soak(List<Check> checks, Map<String, Integer> ports) throws Exception {
        RunOptions run = new RunOptions(Duration.ofSeconds(2), 0, Duration.ZERO);
        ServeOptions options = ServeOptions.of(new InetSocketAddress("127.0.0.1", 0), Duration.ZERO, Duration.ofSeconds(2));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults());
             Exporter exporter = Exporter.start(engine, new DirectResolver(Map.of(), "127.0.0.1", null), "soak", checks,
                     run, options, null, log::add)) {
            InetSocketAddress at = exporter.address();
            long deadline = System.nanoTime() + SOAK_BOUND.toNanos();
            scrapeUntil(exporter, at, ports, WARM_UP, deadline);
            System.gc();
            long fdsAtStart = fds();
            int threadsAtStart = liveThreads();
            long heapAtStart = 0;
            long startRound = exporter.rounds();
            boolean heapTaken = false;
            while (exporter.rounds() < startRound + ROUNDS) {
                scrapeUntil(exporter, at, ports, Math.min(exporter.rounds() + 1000, startRound + ROUNDS), deadline);
                System.out.printf("serve soak: %d of %d rounds%n", exporter.rounds() - startRound, ROUNDS);
                if (!heapTaken && exporter.rounds() >= startRound + ROUNDS / 5) {
                    heapAtStart = heapAfterGc();
                    heapTaken = true;
                }
            }
            long heapAtEnd = heapAfterGc();
            String metrics = Scrapes.get(at, "/metrics").body();
            long fdsAtEnd = awaitAtMost(fdsAtStart + FD_TOLERANCE, ServeSoakTest::fds);
            long threadsAtEnd = awaitAtMost(threadsAtStart + THREAD_TOLERANCE, () -> (long) liveThreads());
            System.out.printf("serve soak: %d rounds after %d of warm-up; fds %d -> %d; threads %d -> %d; heap after GC "
                            + "%d KiB at 20%% -> %d KiB at 100%%; log %s%n", exporter.rounds() - startRound, WARM_UP,
                    fdsAtStart, fdsAtEnd, threadsAtStart, threadsAtEnd, heapAtStart >> 10, heapAtEnd >> 10, log);
            assertThat(fdsAtEnd).as("open descriptors after the soak (start %d)", fdsAtStart)
                    .isLessThanOrEqualTo(fdsAtStart + FD_TOLERANCE);
            assertThat(threadsAtEnd).as("live threads after the soak (start %d)", threadsAtStart)
                    .isLessThanOrEqualTo(threadsAtStart + THREAD_TOLERANCE);
            assertThat(heapAtEnd - heapAtStart).as("heap growth from 20%% to 100%% of the soak").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(Scrapes.sample(metrics, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"http\"")).isEqualTo("1");
            assertThat(Scrapes.sample(metrics, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"closed\"")).isEqualTo("0");
            assertThat(Scrapes.sample(metrics, "portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"reset\"")).isEqualTo("0");
            assertThat(metrics).doesNotContain("status=\"ERROR\"} 1");
            assertThat(Scrapes.sample(metrics, "portprobe_round_errors_total")).isEqualTo("0");
        }
    }

    /**
     * Scrapes /metrics (and now and then /probe) until the exporter has completed {@code rounds} rounds; fails once
     * {@code deadline} ({@link System#nanoTime()}) has passed.
     */
    private static void scrapeUntil(Exporter exporter, InetSocketAddress at, Map<String, Integer> ports, long rounds,
                                    long deadline) throws Exception {
        for (int i = 0; exporter.rounds() < rounds; i++) {
            assertThat(System.nanoTime() - deadline).as("the soak within %s (%d rounds of %d)", SOAK_BOUND,
                    exporter.rounds(), rounds).isNegative();
            assertThat(Scrapes.get(at, "/metrics").status()).isEqualTo(200);
            if (i % 20 == 0) {
                Scrapes.Page probe = Scrapes.get(at, "/probe?target=127.0.0.1:" + ports.get("grpc") + "&expect=grpc");
                assertThat(probe.status()).isEqualTo(200);
            }
            Thread.sleep(100);
        }
    }

    private static Check check(String name, int port, Protocol protocol) {
        return Check.adHoc(name, PortSpec.of(port, protocol));
    }

    private static Process startServers() throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), SoakServers.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Map<String, Integer> readPorts(Process servers) throws Exception {
        Map<String, Integer> ports = new HashMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(servers.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !line.equals("ready"); line = lines.readLine()) {
            int eq = line.lastIndexOf('=');
            ports.put(line.substring(0, eq), Integer.parseInt(line.substring(eq + 1)));
        }
        assertThat(ports).containsKeys("http", "grpc", "tcp", "reset");
        return ports;
    }

    /** Threads the exporter or its engine started: named portprobe-*, grpc-*, or not daemons. */
    private static List<String> exporterThreads(Set<Thread> before) {
        return Leaks.threads().stream().filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith("portprobe-") || t.getName().startsWith("grpc-") || !t.isDaemon())
                .map(Thread::getName).collect(Collectors.toCollection(ArrayList::new));
    }

    private static long fds() {
        try {
            return Sockets.openFds();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** Waits (within 15 s) for {@code value} to come down to {@code limit}; its last reading. */
    private static long awaitAtMost(long limit, java.util.function.LongSupplier value) throws InterruptedException {
        Leaks.eventually(() -> value.getAsLong() <= limit, 15_000);
        return value.getAsLong();
    }
}
