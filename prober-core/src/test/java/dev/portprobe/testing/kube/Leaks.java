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
     * Vert.x threads are not the client's, and neither are the threads of OkHttp's process-wide TaskRunner: a
     * daemon pool that idles out by itself, and that takes the name of the task it runs, so that it is told by
     * its code and not by its name (a thread of it still finishing "OkHttp WebSocket ... writer close" on a loaded
     * machine is no leak; the websocket itself is checked by the relay's open sessions).
     */
    public static Set<String> newClientThreads(Set<Thread> baseline) {
        return threads().stream()
                .filter(t -> !baseline.contains(t))
                .filter(t -> !t.isDaemon() || t.getName().startsWith("OkHttp"))
                .filter(t -> !t.getName().startsWith("vert.x") && !isTaskRunnerThread(t))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** A thread of OkHttp's process-wide TaskRunner pool, whatever task name it carries at the moment. */
    public static boolean isTaskRunnerThread(Thread t) {
        if (!t.isDaemon()) {
            return false;
        }
        if (t.getName().equals("OkHttp TaskRunner")) {
            return true;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith("okhttp3.internal.concurrent.TaskRunner")) {
                return true;
            }
        }
        return false;
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
