package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.EngineService;
import dev.portprobe.probe.ProbeScope;

import dev.portprobe.profile.Protocol;
import io.grpc.ConnectivityState;
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
 * <p>The rules, so that sharing never changes a verdict:
 * <ul>
 *   <li>A connection is shared only after a check on it got an OK answer from a gRPC server ({@link #offer}), so
 *       every signal that tells a port that does not speak gRPC comes from a connection of the check's own.</li>
 *   <li>A shared connection is lent only while grpc-java says it is READY, to at most
 *       {@link #MAX_CALLS_PER_CONNECTION} checks at once (RFC 9113 recommends that servers allow at least 100
 *       concurrent streams), and to a check for at most half of its deadline (the probe's side of the rule).</li>
 *   <li>A check that got anything but an OK gRPC answer on a shared connection retires it ({@link #retire}), and
 *       asks again on a connection of its own; so do retries.</li>
 *   <li>A connection no check holds is closed unless it is shared; idle shared connections are capped at the
 *       engine's concurrency, least recently used first, so a run over thousands of endpoints holds no more
 *       sockets than one over a handful. {@link #retireAll} (before a re-probe round) and {@link #close} end all
 *       sharing.</li>
 * </ul>
 */
final class GrpcConnections implements AutoCloseable {
    static final int MAX_CALLS_PER_CONNECTION = 100;

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
    /** Bumped by {@link #retireAll}: a connection opened before it is never shared after it. */
    private int generation;
    private boolean closed;

    GrpcConnections(int maxIdle) {
        this.maxIdle = Math.max(1, maxIdle);
    }

    /** The engine's shared gRPC connections, at most one idle per check slot. */
    static final EngineService<GrpcConnections> SERVICE =
            EngineService.of("gRPC connections", services -> new GrpcConnections(services.concurrency()));

    static GrpcConnections of(ProbeScope scope) {
        return scope.service(SERVICE);
    }

    /** A new connection, held by the check that makes it; {@code null} once the engine is closing. */
    synchronized Connection open() {
        if (closed) {
            return null;
        }
        Connection c = new Connection(generation);
        open.add(c);
        return c;
    }

    /** A READY shared connection for {@code key}, held for the caller until it lets go; or null. */
    Connection lease(Key key) {
        Connection stale;
        synchronized (this) {
            Connection c = shared.get(key);
            if (c == null || c.users >= MAX_CALLS_PER_CONNECTION) {
                return null;
            }
            if (c.channel.getState(false) == ConnectivityState.READY) {
                c.users++;
                idle.remove(c);
                return c;
            }
            stale = c;
        }
        retire(stale); // the transport went away (GOAWAY, reset, idle timeout): dial anew rather than reconnect it
        return null;
    }

    /** A check got an OK gRPC answer on {@code c}: the checks of {@code key} may share it from now on. */
    synchronized void offer(Key key, Connection c) {
        if (!closed && !c.retired && !c.down && c.users > 0 && c.key == null && c.generation == generation
                && !shared.containsKey(key)) {
            c.key = key;
            shared.put(key, c);
        }
    }

    /** Share {@code c} no more, and close it as soon as no check holds it. */
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
            generation++;
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
        private final int generation;
        private final List<Channel> sockets = new ArrayList<>(1);
        private ManagedChannel channel;
        private int users = 1;
        private boolean retired;
        private boolean down;
        private Key key;

        private Connection(int generation) {
            this.generation = generation;
        }

        /** Sets the channel; shuts it down at once if the connection was closed while it was being built. */
        void channel(ManagedChannel ch) {
            boolean closeNow;
            synchronized (GrpcConnections.this) {
                closeNow = down;
                channel = ch;
            }
            if (closeNow) {
                ch.shutdownNow();
            }
        }

        ManagedChannel channel() {
            synchronized (GrpcConnections.this) {
                return channel;
            }
        }

        /** Closes {@code socket}, a registered one, with this connection (at once if the connection is closed already). */
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
            } else {
                socket.closeFuture().addListener(f -> {
                    synchronized (GrpcConnections.this) {
                        sockets.remove(socket);
                    }
                });
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
            ManagedChannel ch;
            synchronized (GrpcConnections.this) {
                down = true;
                ch = channel;
                toClose = List.copyOf(sockets);
                sockets.clear();
            }
            if (ch != null) {
                ch.shutdownNow();
            }
            // A socket grpc-java is still connecting when the channel shuts down: close it here too.
            toClose.forEach(ProbeScope::closeChannel);
        }
    }
}
