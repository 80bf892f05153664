package dev.portprobe.probe;

import dev.portprobe.profile.Protocol;
import io.grpc.ManagedChannel;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gRPC connections of one engine, and the ones its checks share: checks that dial the same address with the
 * same protocol and TLS server name run their health Checks on one HTTP/2 connection, as any gRPC client would,
 * instead of dialling, handshaking and tearing down a channel each.
 *
 * <p>A connection is shared only once it has carried an answer from a gRPC server ({@link #offer}), so every
 * signal that tells a port that does not speak gRPC still comes from a connection of the check's own. A shared
 * connection that gives anything but a gRPC answer is retired ({@link #retire}) and the check runs again on a
 * connection of its own. A connection is closed when its last check lets go of it and it is not shared, or, when
 * shared, when the engine closes.
 */
final class GrpcConnections implements AutoCloseable {
    /** What must match for two checks to share a connection. */
    record Key(String host, int port, Protocol protocol, String serverName) {
        static Key of(ProbeRequest request) {
            return new Key(request.host(), request.port(), request.expected(), request.spec().tls().serverName());
        }
    }

    private final Map<Key, Connection> shared = new HashMap<>();
    private final List<Connection> open = new ArrayList<>();
    /** Shared connections no check holds, least recently used first. */
    private final Set<Connection> idle = new LinkedHashSet<>();
    private final int maxIdle;
    private boolean closed;

    GrpcConnections(int maxIdle) {
        this.maxIdle = Math.max(1, maxIdle);
    }

    static GrpcConnections of(ProbeScope scope) {
        return scope.shared(GrpcConnections.class, () -> new GrpcConnections(scope.concurrency()));
    }

    /** A new connection, held by the check that makes it; {@code null} once the engine is closing. */
    synchronized Connection open() {
        if (closed) {
            return null;
        }
        Connection c = new Connection();
        open.add(c);
        return c;
    }

    /** The shared connection for {@code key}, held for the caller until it lets go, or null. */
    synchronized Connection lease(Key key) {
        Connection c = shared.get(key);
        if (c != null) {
            c.users++;
            idle.remove(c);
        }
        return c;
    }

    /** {@code c} carried a gRPC answer: share it for {@code key}, unless another connection already is. */
    synchronized void offer(Key key, Connection c, byte[] firstBytes) {
        if (!closed && !c.retired && c.key == null && !shared.containsKey(key)) {
            c.key = key;
            c.firstBytes = firstBytes;
            shared.put(key, c);
        }
    }

    /** {@code c} gave something other than a gRPC answer: share it no more, and close it when its checks let go. */
    void retire(Connection c) {
        boolean closeNow;
        synchronized (this) {
            c.retired = true;
            if (c.key != null && shared.get(c.key) == c) {
                shared.remove(c.key);
            }
            idle.remove(c);
            closeNow = c.users == 0 && open.remove(c);
        }
        if (closeNow) {
            c.shutdown();
        }
    }

    /** Shares nothing more: idle shared connections close now, busy ones when their checks let go. */
    void retireAll() {
        List<Connection> all;
        synchronized (this) {
            all = List.copyOf(shared.values());
        }
        all.forEach(this::retire);
    }

    @Override
    public void close() {
        List<Connection> all;
        synchronized (this) {
            closed = true;
            all = List.copyOf(open);
            open.clear();
            shared.clear();
            idle.clear();
        }
        all.forEach(Connection::shutdown);
    }

    /** One gRPC channel and the sockets it made, held by the checks that use it. */
    final class Connection {
        private final List<Channel> sockets = new ArrayList<>(1);
        private ManagedChannel channel;
        private int users = 1;
        private boolean retired;
        private boolean down;
        private Key key;
        private byte[] firstBytes = new byte[0];

        void channel(ManagedChannel ch) {
            this.channel = ch;
        }

        ManagedChannel channel() {
            return channel;
        }

        /** The first bytes the server sent on this connection (kept when it became shared). */
        byte[] firstBytes() {
            synchronized (GrpcConnections.this) {
                return firstBytes;
            }
        }

        /** Closes {@code socket} with this connection; at once if the connection is already closed. */
        Channel track(Channel socket) {
            boolean closeNow;
            synchronized (GrpcConnections.this) {
                closeNow = down;
                if (!closeNow) {
                    sockets.add(socket);
                }
            }
            if (closeNow) {
                ProbeScope.closeChannel(socket);
            }
            return socket;
        }

        /** A check lets go: a connection nobody holds is closed unless it is shared. */
        void release() {
            Connection evicted = null;
            boolean closeNow;
            synchronized (GrpcConnections.this) {
                users--;
                closeNow = users == 0 && (key == null || retired) && open.remove(this);
                if (users == 0 && !closeNow && !down) {
                    idle.add(this);
                    if (idle.size() > maxIdle) {
                        evicted = idle.iterator().next();
                    }
                }
            }
            if (closeNow) {
                shutdown();
            }
            if (evicted != null) {
                retire(evicted);
            }
        }

        private void shutdown() {
            List<Channel> toClose;
            synchronized (GrpcConnections.this) {
                down = true;
                toClose = List.copyOf(sockets);
                sockets.clear();
            }
            if (channel != null) {
                channel.shutdownNow();
            }
            // grpc-java makes its sockets in a channel factory and may not have registered one yet when the
            // channel shuts down: close them here too, forcibly when unregistered (see ProbeScope.closeChannel).
            toClose.forEach(ProbeScope::closeChannel);
        }
    }
}
