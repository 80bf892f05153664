package dev.portprobe.resolve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens one connection through each forward and waits, all at once and at most {@code settle}, for the forward to
 * report an error (the kubelet's "connection refused") or for the pod to answer or hang up.
 *
 * <p>This is needed because a forward's local socket always accepts: a TCP check passes the moment it connects,
 * before the websocket to the pod is even open, so its outcome alone can never show a refused port. A refusal
 * arrives within about one API round trip; a port that accepts sends nothing, so silence for the whole settle time
 * is taken as "open". The wait runs on the resolving thread, never on the probes' event loop.
 */
final class Preflight {
    private Preflight() {
    }

    /** The error each forward reported for the probing connection; forwards without one are absent. */
    static Map<Forward, ForwardError> run(Collection<Forward> forwards, Duration settle) {
        Map<Forward, Set<Throwable>> marks = new HashMap<>();
        List<SocketChannel> channels = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            int open = 0;
            for (Forward f : forwards) {
                marks.put(f, f.mark());
                if (dial(f, selector, channels)) {
                    open++;
                }
            }
            await(selector, open, System.nanoTime() + settle.toNanos());
        } catch (IOException e) {
            // no selector: the probes' own outcomes and the forwards' errors still tell
        } finally {
            for (SocketChannel ch : channels) {
                closeQuietly(ch);
            }
        }
        Map<Forward, ForwardError> out = new HashMap<>();
        marks.forEach((f, mark) -> {
            ForwardError e = f.errorSince(mark);
            if (e != null) {
                out.put(f, e);
            }
        });
        return out;
    }

    private static boolean dial(Forward f, Selector selector, List<SocketChannel> channels) {
        try {
            SocketChannel ch = SocketChannel.open();
            channels.add(ch);
            ch.connect(new InetSocketAddress(f.localAddress(), f.localPort()));
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, f);
            return true;
        } catch (IOException e) {
            return false; // a forward that is gone locally fails its probe as REFUSED on 127.0.0.1
        }
    }

    /** Waits until every connection has data or was closed, or the deadline passes. */
    private static void await(Selector selector, int open, long deadline) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int left = open;
        while (left > 0) {
            long waitMs = (deadline - System.nanoTime()) / 1_000_000;
            if (waitMs <= 0) {
                return;
            }
            selector.select(waitMs);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel ch = (SocketChannel) key.channel();
                buf.clear();
                int n;
                try {
                    n = ch.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                if (n != 0) {
                    key.cancel();
                    left--;
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
