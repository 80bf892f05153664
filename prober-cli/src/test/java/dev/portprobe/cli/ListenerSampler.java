package dev.portprobe.cli;

import dev.portprobe.testing.kube.Sockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Looks at this process's listening sockets every few milliseconds on its own thread, while a run goes on, and
 * keeps every one it saw. It never runs on a server's thread: reading /proc there would stall the server.
 */
final class ListenerSampler implements AutoCloseable {
    private static final long EVERY_MILLIS = 20;

    private final Set<InetSocketAddress> seen = ConcurrentHashMap.newKeySet();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopped;

    private ListenerSampler() {
        thread = new Thread(this::loop, "listener-sampler");
        thread.setDaemon(true);
    }

    static ListenerSampler start() {
        ListenerSampler s = new ListenerSampler();
        s.thread.start();
        return s;
    }

    private void loop() {
        while (!stopped) {
            try {
                seen.addAll(Sockets.listeners());
                Thread.sleep(EVERY_MILLIS);
            } catch (IOException e) {
                failure.compareAndSet(null, e);
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every listener seen so far; throws if /proc could not be read. */
    Set<InetSocketAddress> seen() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            throw e;
        }
        return Set.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(5000);
    }
}
