package dev.portprobe.testing.kube;

import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** What a client side may leave behind: threads it started, and conditions to wait for within a deadline. */
public final class Leaks {
    private Leaks() {
    }

    /** Threads alive now. */
    public static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * Threads started since {@code baseline} that a client could leak: non-daemon threads (fabric8's per-forward
     * executors, OkHttp's websocket readers and dispatcher) and OkHttp's named ones. The fake API server's own
     * Vert.x threads and OkHttp's process-wide TaskRunner (a daemon that idles out by itself) are not the
     * client's.
     */
    public static Set<String> newClientThreads(Set<Thread> baseline) {
        return threads().stream()
                .filter(t -> !baseline.contains(t))
                .filter(t -> !t.isDaemon() || t.getName().startsWith("OkHttp"))
                .filter(t -> !t.getName().startsWith("vert.x") && !t.getName().equals("OkHttp TaskRunner"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** Polls {@code condition} until it holds or {@code millis} pass; returns whether it held. */
    public static boolean eventually(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }
}
