package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.Status;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.HostileServer.Misbehaviour;
import dev.portprobe.testing.TestCertificates;
import dev.portprobe.testing.TlsServer;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Soak: 100,000 checks through one engine against healthy and hostile loopback servers (silent, reset, garbage,
 * slow drip, TLS stall, GOAWAY, accept-and-close), then the process's file descriptors and live threads are back
 * to their baseline and the heap after GC has not grown. Healthy peers get a deadline of a few seconds (so a loaded
 * CI machine does not turn them into timeouts); hostile ones 200 ms, so stalls cost little.
 */
class EngineSoakTest {
    private static final int CHECKS = 100_000;
    private static final int BATCH = 5_000;
    private static final Duration HEALTHY = Duration.ofSeconds(5);
    private static final Duration HOSTILE = Duration.ofMillis(200);
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;

    /** One kind of check in the mix: a server, the protocol expected of it, and how often it comes up. */
    private record Kind(String name, AutoCloseable server, IntSupplier port, Protocol expected, boolean healthy, int weight) {
    }

    private static final List<Kind> KINDS = new ArrayList<>();
    private static final List<Kind> DECK = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        HostileServer tcp = new HostileServer(new Misbehaviour.AcceptThenClose());
        HostileServer http = new HostileServer(new Misbehaviour.Garbage(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        GrpcTestServer grpc = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), null);
        TlsServer tls = TlsServer.builder(TestCertificates.get().server).start();
        // Weights per 200 checks: mostly cheap TCP connects, every protocol probe, and a fifth hostile.
        add("tcp", tcp, tcp::port, Protocol.TCP, true, 146);
        add("http", http, http::port, Protocol.HTTP, true, 8);
        add("grpc", grpc, grpc::port, Protocol.GRPC, true, 2);
        add("tls", tls, tls::port, Protocol.TLS, true, 1);
        hostile("silent", new Misbehaviour.AcceptThenSilence(), Protocol.HTTP, 10);
        hostile("reset", new Misbehaviour.ResetAfterAccept(), Protocol.GRPC, 9);
        hostile("garbage", new Misbehaviour.Garbage(HostileServer.GARBAGE), Protocol.HTTP, 8);
        hostile("slow drip", new Misbehaviour.SlowDrip("HTTP/1.1 200 OK\r\n", 20), Protocol.HTTP, 6);
        hostile("TLS stall", new Misbehaviour.TlsHandshakeStall(), Protocol.TLS, 5);
        hostile("GOAWAY", new Misbehaviour.GoawayAfterPreface(), Protocol.GRPC, 3);
        hostile("accept and close", new Misbehaviour.AcceptThenClose(), Protocol.REDIS, 2);
        for (Kind k : KINDS) {
            for (int i = 0; i < k.weight(); i++) {
                DECK.add(k);
            }
        }
    }

    private static void hostile(String name, Misbehaviour m, Protocol expected, int weight) {
        HostileServer s = new HostileServer(m);
        add(name, s, s::port, expected, false, weight);
    }

    private static void add(String name, AutoCloseable server, IntSupplier port, Protocol expected, boolean healthy, int weight) {
        KINDS.add(new Kind(name, server, port, expected, healthy, weight));
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (Kind k : KINDS) {
            k.server().close();
        }
    }

    @Test
    void hundredThousandChecksLeaveNoDescriptorThreadOrHeapBehind() throws Exception {
        Map<String, Map<Status, Integer>> seen = new java.util.TreeMap<>();
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(512))) {
            runBatch(engine, 0, 2 * DECK.size(), seen); // warm-up: lazily made threads and pools exist from here on
            settle();
            Map<String, String> fdsBefore = descriptors();
            int fdBaseline = fdsBefore.size();
            int threadBaseline = liveThreads();
            long heapAtOneFifth = 0;
            int done = 0;
            while (done < CHECKS) {
                runBatch(engine, done, BATCH, seen);
                done += BATCH;
                if (done == CHECKS / 5) {
                    heapAtOneFifth = heapAfterGc();
                }
            }
            long heapAtEnd = heapAfterGc();
            System.out.printf("soak: %d checks; fds %d -> %d; threads %d -> %d; heap after GC %d KiB at 20%%, %d KiB at 100%%; %s%n",
                    CHECKS, fdBaseline, awaitAtMost(fdBaseline, EngineSoakTest::openDescriptors), threadBaseline,
                    awaitAtMost(threadBaseline, EngineSoakTest::liveThreads), heapAtOneFifth >> 10, heapAtEnd >> 10, seen);

            int fdsAfter = awaitAtMost(fdBaseline, EngineSoakTest::openDescriptors);
            List<String> added = new ArrayList<>(descriptors().values());
            added.removeAll(fdsBefore.values());
            assertThat(fdsAfter).as("open file descriptors after the soak (baseline %d); new: %s", fdBaseline, added)
                    .isLessThanOrEqualTo(fdBaseline);
            assertThat(awaitAtMost(threadBaseline, EngineSoakTest::liveThreads))
                    .as("live threads after the soak (baseline %d)", threadBaseline).isLessThanOrEqualTo(threadBaseline);
            assertThat(heapAtEnd - heapAtOneFifth).as("heap growth from 20%% to 100%% of the soak")
                    .isLessThan(HEAP_GROWTH_LIMIT);
        }
        for (Kind k : KINDS) {
            Map<Status, Integer> statuses = seen.get(k.name());
            assertThat(statuses).as(k.name()).isNotNull().doesNotContainKey(Status.ERROR);
            if (k.healthy()) {
                assertThat(statuses.keySet()).as(k.name() + " %s", statuses).containsExactly(Status.OK);
            } else {
                assertThat(statuses).as(k.name()).doesNotContainKey(Status.OK);
            }
        }
    }

    /** Runs {@code count} checks dealt from the deck; fails if any check outlives its deadline by far. */
    private static void runBatch(ProbeEngine engine, int offset, int count, Map<String, Map<Status, Integer>> seen)
            throws Exception {
        List<CompletableFuture<ProbeOutcome>> futures = new ArrayList<>(count);
        List<Kind> kinds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Kind k = DECK.get((offset + i) % DECK.size());
            int port = k.port().getAsInt();
            kinds.add(k);
            futures.add(engine.probe(new ProbeRequest("127.0.0.1", port, PortSpec.of(port, k.expected()),
                    k.healthy() ? HEALTHY : HOSTILE)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            seen.computeIfAbsent(kinds.get(i).name(), n -> new EnumMap<>(Status.class))
                    .merge(futures.get(i).join().status(), 1, Integer::sum);
        }
    }

    /** fd number to what it points at (socket:[inode], pipe, anon_inode:[eventpoll]...). */
    private static Map<String, String> descriptors() {
        Map<String, String> out = new java.util.TreeMap<>();
        String[] fds = new File("/proc/self/fd").list();
        for (String fd : fds == null ? new String[0] : fds) {
            try {
                String link = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd", fd)).toString();
                out.put(fd, link.startsWith("socket:[") ? link + " " + tcpState(link.substring(8, link.length() - 1)) : link);
            } catch (java.io.IOException | UnsupportedOperationException gone) {
                // closed while listing
            }
        }
        return out;
    }

    /** "127.0.0.1:LOCAL -> 127.0.0.1:REMOTE state" of a socket inode, from /proc/net/tcp, for failure messages. */
    private static String tcpState(String inode) {
        try {
            List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp")));
            lines.addAll(java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp6")));
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[9].equals(inode)) {
                    return Integer.parseInt(f[1].split(":")[1], 16) + "->" + Integer.parseInt(f[2].split(":")[1], 16) + " st" + f[3];
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
        return "";
    }

    private static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Polls for up to 10 s until {@code measure} is at most {@code limit} (closes finish on the event loops). */
    private static int awaitAtMost(int limit, IntSupplier measure) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int now = measure.getAsInt();
        while (now > limit && System.nanoTime() < until) {
            Thread.sleep(50);
            now = measure.getAsInt();
        }
        return now;
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(500);
    }

    private static long heapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
