package dev.portprobe.resolve;

import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A forward to one (pod, port), listening on 127.0.0.1 only. Every accepted connection becomes its own fabric8
 * pod port-forward websocket ({@link ForwardConnection}); the kubelet's errors of all of them are kept, and
 * {@link #errorSince} picks out the new ones. It is a {@link LocalPortForward}, like fabric8's own, but one that
 * can say when a connection's websocket opened and that closes each websocket when its client goes.
 */
final class Forward implements LocalPortForward {
    private final PodResource pod;
    private final String podName;
    private final int port;
    private final ServerSocketChannel server;
    private final List<ForwardConnection> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> acceptErrors = new CopyOnWriteArrayList<>();
    /** Connections registered so far, ended or not: the sequence number of the next one. */
    private final AtomicLong registered = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    Forward(PodResource pod, String podName, int port, InetAddress loopback) throws IOException {
        this.pod = pod;
        this.podName = podName;
        this.port = port;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(loopback, 0), 64);
        this.acceptor = new Thread(this::acceptLoop, "portprobe-forward-" + podName + ":" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    acceptErrors.add(e);
                }
                return;
            }
            try {
                ForwardConnection.relay(pod, port, socket, this::register);
            } catch (RuntimeException e) {
                acceptErrors.add(e);
                closeQuietly(socket);
            }
        }
    }

    /** Opens a watching connection (no local socket), for {@link Preflight}. */
    ForwardConnection watch() {
        return ForwardConnection.watch(pod, port, this::register);
    }

    /**
     * Tracks a new connection. One accepted while the forward closes may be added after {@link #close} walked the
     * list: it is closed here (close sets {@code closed} before it walks, and this adds before it reads it, so one
     * of the two always sees the other), and so is its websocket once fabric8 gives it (see ForwardConnection).
     */
    private void register(ForwardConnection c) {
        c.sequence(registered.getAndIncrement());
        connections.add(c);
        if (closed) {
            c.close();
        }
    }

    String pod() {
        return podName;
    }

    /** The container port in the pod. */
    int port() {
        return port;
    }

    /** How many connections this forward has had so far, to ask {@link #podAnsweredSince} about the newer ones. */
    long connectionMark() {
        return registered.get();
    }

    /** True when the pod sent bytes on a connection opened after {@code mark} was taken. */
    boolean podAnsweredSince(long mark) {
        for (ForwardConnection c : connections) {
            if (c.sequence() >= mark && c.answered()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets the connections that have ended (closing what is left of them), so that a forward kept across the
     * rounds of a long-running {@code serve} holds only the connections of the round in flight, not one record (with
     * its websocket and errors) per connection it ever had. Called between rounds: an ended connection's errors
     * have been read by the probe it served.
     */
    void forgetEnded() {
        connections.removeIf(c -> {
            if (c.alive()) {
                return false;
            }
            c.close();
            return true;
        });
    }

    /** The connections this forward still keeps a record of. */
    int trackedConnections() {
        return connections.size();
    }

    /** Every server-side error so far, to compare with later. */
    Set<Throwable> mark() {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(getServerThrowables());
        return seen;
    }

    /** The weightiest error that arrived after {@code mark} was taken, or null. */
    ForwardError errorSince(Set<Throwable> mark) {
        ForwardError worst = null;
        for (ForwardConnection c : connections) {
            for (Throwable t : c.serverErrors()) {
                if (!mark.contains(t)) {
                    ForwardError e = ForwardError.of(t, c.opened());
                    if (worst == null || e.kind().compareTo(worst.kind()) < 0) {
                        worst = e;
                    }
                }
            }
        }
        return worst;
    }

    /**
     * The API server's silence, when a connection opened after {@code mark} was taken still waits for its websocket
     * upgrade and has no error: the probe's bytes never left this machine. Null when every such connection opened.
     */
    ForwardError unansweredSince(long mark) {
        for (ForwardConnection c : connections) {
            if (c.sequence() >= mark && !c.opened() && c.serverErrors().isEmpty()) {
                return ForwardError.unanswered(c.ageMillis());
            }
        }
        return null;
    }

    @Override
    public InetAddress getLocalAddress() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the forward's listener is closed", e);
        }
    }

    @Override
    public int getLocalPort() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("the forward's listener is closed", e);
        }
    }

    @Override
    public boolean isAlive() {
        return !closed && server.isOpen();
    }

    @Override
    public boolean errorOccurred() {
        return !getServerThrowables().isEmpty() || !getClientThrowables().isEmpty();
    }

    @Override
    public Collection<Throwable> getClientThrowables() {
        List<Throwable> out = new ArrayList<>(acceptErrors);
        connections.forEach(c -> out.addAll(c.clientErrors()));
        return out;
    }

    @Override
    public Collection<Throwable> getServerThrowables() {
        List<Throwable> out = new ArrayList<>();
        connections.forEach(c -> out.addAll(c.serverErrors()));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        connections.forEach(ForwardConnection::close);
        // The listener's socket is released once the acceptor has left accept(): wait (briefly) for that, so that
        // when close() returns nothing listens on the local port any more.
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing on the way out
        }
    }
}
