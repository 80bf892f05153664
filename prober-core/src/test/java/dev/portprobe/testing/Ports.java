package dev.portprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports for tests. */
public final class Ports {
    /** Held for the life of the test JVM: a handful of descriptors, never reused by the suite. */
    private static final List<Socket> HELD = new ArrayList<>();

    private Ports() {
    }

    /**
     * A loopback port where nothing listens, and where nothing can start listening while the tests run: it stays
     * bound by a socket that never listens nor connects, so a connection to it is refused (Linux answers the SYN
     * with a reset), and no other process on the machine (a second test suite, say) can take it. A port merely
     * bound and released could be taken by anyone in between.
     */
    public static synchronized int closed() {
        try {
            Socket holder = new Socket();
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HELD.add(holder);
            return holder.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A loopback port where nothing listens now, for a test that starts a server on it later: bound and released,
     * so another process could take it in between (rare; prefer {@link #closed()} when nothing is to listen).
     */
    public static int released() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
