package dev.portprobe.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A diagnostic for {@link FleetBench} ({@code BENCH_THREADS=1}): polls every live thread's CPU time every few
 * milliseconds, so that the CPU of threads that end during a run (port-forward pumps, OkHttp dispatchers) is counted
 * up to its last poll, and sums it by thread group (the name without its numbers). What no Java thread accounts for
 * (JIT compilers, GC, the sampler's own polls are in "fleet-bench-sampler") is the process CPU minus the sum.
 */
final class ThreadCpuSampler implements AutoCloseable {
    private static final long PERIOD_MS = 4;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, long[]> seen = new ConcurrentHashMap<>(); // id -> {first, last}
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    ThreadCpuSampler() {
        poller = new Thread(this::loop, "fleet-bench-sampler");
        poller.setDaemon(true);
        poller.start();
    }

    private void loop() {
        while (running) {
            poll();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void poll() {
        long[] ids = threads.getAllThreadIds();
        for (long id : ids) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) {
                continue;
            }
            long[] v = seen.get(id);
            if (v == null) {
                ThreadInfo info = threads.getThreadInfo(id);
                names.put(id, info == null ? "?" : info.getThreadName().replaceAll("\\d+", "N"));
                // a thread first seen here started after the previous poll: all its CPU belongs to this window
                seen.put(id, new long[] {0, cpu});
            } else {
                v[1] = cpu;
            }
        }
    }

    private long jitStart;
    private long gcStart;

    private static long jitMs() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMs() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    /** Starts a window: every thread's CPU from now on. */
    synchronized void reset() {
        poll();
        jitStart = jitMs();
        gcStart = gcMs();
        seen.clear();
        names.clear();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                ThreadInfo info = threads.getThreadInfo(id);
                names.put(id, info == null ? "?" : info.getThreadName().replaceAll("\\d+", "N"));
                seen.put(id, new long[] {cpu, cpu});
            }
        }
    }

    /** Milliseconds of CPU per thread group since {@link #reset()}. */
    synchronized Map<String, Long> window() {
        poll();
        Map<String, Long> out = new TreeMap<>();
        new HashMap<>(seen).forEach((id, v) -> out.merge(names.getOrDefault(id, "?"), (v[1] - v[0]) / 1_000_000,
                Long::sum));
        out.put("[JIT compile time, all compiler threads]", jitMs() - jitStart);
        out.put("[GC time]", gcMs() - gcStart);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(1000);
    }
}
