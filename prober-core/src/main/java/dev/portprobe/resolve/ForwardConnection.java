package dev.portprobe.resolve;

import io.fabric8.kubernetes.client.PortForward;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connection through a forward: one fabric8 port-forward websocket to the pod, fed by a local socket or, for
 * a preflight, by nothing at all. It knows what fabric8's own local forward hides: when the websocket opened
 * (fabric8 starts reading the local side only then), whether the pod sent anything, and the errors of this one
 * connection. When the local side ends, the websocket is closed at once, so no connection outlives its client.
 */
final class ForwardConnection implements AutoCloseable {
    private final AtomicBoolean opened = new AtomicBoolean();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);
    private final SocketChannel local;
    private final long startedNanos = System.nanoTime();
    private volatile PortForward handle;
    private volatile Throwable startError;
    private volatile long sequence;

    private ForwardConnection(SocketChannel local) {
        this.local = local;
    }

    /**
     * Relays {@code local}, a socket accepted on the forward's loopback listener. {@code register} sees the
     * connection before fabric8 is asked for its websocket (which may take a while), so that a probe that ends
     * meanwhile finds it waiting for the upgrade.
     */
    static ForwardConnection relay(PodResource pod, int port, SocketChannel local, Consumer<ForwardConnection> register) {
        ForwardConnection c = new ForwardConnection(local);
        register.accept(c);
        c.start(pod, port, c.new LocalIn(), c.new LocalOut());
        return c;
    }

    /** A connection that sends nothing and only watches: did it open, did the pod answer or refuse? */
    static ForwardConnection watch(PodResource pod, int port, Consumer<ForwardConnection> register) {
        ForwardConnection c = new ForwardConnection(null);
        register.accept(c);
        c.start(pod, port, c.new IdleIn(), c.new DiscardOut());
        return c;
    }

    private void start(PodResource pod, int port, ReadableByteChannel in, WritableByteChannel out) {
        try {
            handle = pod.portForward(port, in, out);
        } catch (RuntimeException e) {
            startError = e; // the websocket was never asked for: an upgrade that failed
            throw e;
        }
        if (closed.get()) {
            closeHandle(handle);
        }
    }

    private static void closeHandle(PortForward h) {
        try {
            h.close();
        } catch (IOException e) {
            // fabric8's websocket close does not throw; nothing to do if it does
        }
    }

    /** Its place among its forward's connections (set by the forward when it registers the connection). */
    void sequence(long n) {
        sequence = n;
    }

    long sequence() {
        return sequence;
    }

    /** The websocket is open: fabric8 has started to read the local side. */
    boolean opened() {
        return opened.get();
    }

    /** How long ago fabric8 was asked for this connection's websocket. */
    long ageMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The pod sent bytes. */
    boolean answered() {
        return answered.get();
    }

    boolean alive() {
        PortForward h = handle;
        return !closed.get() && startError == null && (h == null || h.isAlive());
    }

    Collection<Throwable> serverErrors() {
        PortForward h = handle;
        Throwable failed = startError;
        return h != null ? h.getServerThrowables() : failed != null ? List.of(failed) : List.of();
    }

    Collection<Throwable> clientErrors() {
        PortForward h = handle;
        return h == null ? List.of() : h.getClientThrowables();
    }

    /** The heaviest error this connection saw, or null. */
    ForwardError error() {
        ForwardError worst = null;
        for (Throwable t : serverErrors()) {
            ForwardError e = ForwardError.of(t, opened());
            if (worst == null || e.kind().compareTo(worst.kind()) < 0) {
                worst = e;
            }
        }
        return worst;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        released.countDown();
        PortForward h = handle;
        if (h != null) {
            closeHandle(h);
        }
        if (local != null) {
            try {
                local.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** The local socket, as fabric8 reads it; its end closes the websocket. */
    private final class LocalIn implements ReadableByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            opened.set(true);
            int n = local.read(dst);
            if (n < 0) {
                ForwardConnection.this.close();
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return local.isOpen();
        }

        @Override
        public void close() throws IOException {
            local.close();
        }
    }

    private final class LocalOut implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.hasRemaining()) {
                answered.set(true);
            }
            return local.write(src);
        }

        @Override
        public boolean isOpen() {
            return local.isOpen();
        }

        @Override
        public void close() throws IOException {
            local.close();
        }
    }

    /** Sends nothing: blocks fabric8's reader until the watch is closed. */
    private final class IdleIn implements ReadableByteChannel {
        @Override
        public int read(ByteBuffer dst) throws IOException {
            opened.set(true);
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            released.countDown();
        }
    }

    /** Notes that the pod spoke, and drops the bytes. */
    private final class DiscardOut implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            if (n > 0) {
                answered.set(true);
            }
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            released.countDown();
        }
    }
}
