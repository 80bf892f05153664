package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.NetScope;
import dev.portprobe.probe.net.PhaseClock;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.internal.SocketUtils;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One check: its request, and the four things it holds, each in its own class. The engine closes the scope at the
 * verdict or at the deadline, which closes every tracked channel and resource: a probe cannot leak a socket.
 * <ul>
 *   <li>{@link #services()}: what the engine lends (event loops, TLS contexts, the identifier, folder services);</li>
 *   <li>{@link #deadline()}: when the check started and how long it has left;</li>
 *   <li>{@link #evidence()}: what it has seen so far, which makes the verdict if the deadline strikes first;</li>
 *   <li>its resources ({@link #track}, {@link #onClose}), closed with it.</li>
 * </ul>
 * The other methods are shorthands for those four, kept so probes read as before.
 */
public final class ProbeScope implements NetScope {
    private final EngineServices services;
    private final ProbeRequest request;
    private final Deadline deadline;
    private final ScopeEvidence evidence = new ScopeEvidence();
    private final ScopeResources resources = new ScopeResources();
    private final PhaseClock clock = new PhaseClock();

    ProbeScope(ProbeEngine engine, ProbeRequest request, long startNanos) {
        this.services = engine.services();
        this.request = request;
        this.deadline = new Deadline(startNanos, request.timeout());
    }

    public ProbeRequest request() {
        return request;
    }

    @Override
    public String tlsServerName() {
        return ProbeTls.serverName(request);
    }

    /** What the engine lends every check. */
    public EngineServices services() {
        return services;
    }

    public Deadline deadline() {
        return deadline;
    }

    public ScopeEvidence evidence() {
        return evidence;
    }

    // --- engine services ---

    public EventLoopGroup group() {
        return services.group();
    }

    public Class<? extends SocketChannel> channelType() {
        return services.channelType();
    }

    /** The datagram channel class that fits {@link #group()} (for UDP probes). */
    public Class<? extends io.netty.channel.socket.DatagramChannel> datagramType() {
        return services.datagramType();
    }

    public ClientTls clientTls() {
        return services.clientTls();
    }

    /** The engine's instance of a folder's service (see {@link EngineService}). */
    public <T> T service(EngineService<T> service) {
        return services.get(service);
    }

    /** How many checks the engine runs at once. */
    public int concurrency() {
        return services.concurrency();
    }

    /**
     * The identifier for a probe's follow-up. It does not run when the way to the port has already failed
     * ({@link ProbeRequest#pathFailure()}): each of its steps would dial again and fail the same way (see
     * {@link #connect}), and each dial costs a port-forward websocket.
     */
    public Identifier identifier() {
        Identifier real = services.identifier();
        return scope -> {
            String failed = request.pathFailure().get();
            return failed == null ? real.identify(scope) : java.util.concurrent.CompletableFuture.completedFuture(
                    new Identification(null, true, "not dialed again: " + failed, null));
        };
    }

    // --- deadline ---

    /** System.nanoTime() when the check started. */
    public long startNanos() {
        return deadline.startNanos();
    }

    public long remainingNanos() {
        return deadline.remainingNanos();
    }

    public Duration remaining() {
        return deadline.remaining();
    }

    public boolean expired() {
        return deadline.expired();
    }

    /** A Bootstrap on the engine's group whose connect timeout is what is left of the deadline. */
    @Override
    public Bootstrap bootstrap() {
        int connectMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
        return new Bootstrap()
                .group(services.group())
                .channel(services.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_CLOSE, true);
    }

    // --- resources ---

    /**
     * Connects a channel of {@code bootstrap} to the request's address, tracked by the scope, as
     * {@code bootstrap.connect(host, port)} would (register, resolve, connect; closed on failure), but in steps the
     * scope can time: the check's first dial is its {@link PhaseClock}'s, whose name resolution is timed here on the
     * channel's event loop and whose connect ends at the connect future. The returned future fails with the cause a
     * Bootstrap would give (an {@code UnknownHostException}, a {@code ConnectException}...).
     */
    @Override
    public ChannelFuture connect(Bootstrap bootstrap) {
        boolean timed = clock.claim();
        if (timed) {
            bootstrap.attr(PhaseClock.KEY, clock);
        }
        ChannelFuture registered = bootstrap.register();
        Channel channel = track(registered.channel());
        ChannelPromise connected = channel.newPromise();
        registered.addListener(r -> {
            if (!r.isSuccess()) {
                connected.tryFailure(r.cause());
                return;
            }
            // as Bootstrap does: connect in a task of its own, after channelRegistered has gone through the pipeline
            channel.eventLoop().execute(() -> resolveAndConnect(channel, timed, connected));
        });
        return connected;
    }

    private void resolveAndConnect(Channel channel, boolean timed, ChannelPromise connected) {
        if (!channel.isOpen()) {
            connected.tryFailure(new java.nio.channels.ClosedChannelException());
            return;
        }
        String failed = timed ? null : request.pathFailure().get();
        if (failed != null) {
            // a follow-up dial (an identification step, a TLS sniff) through a path that has already failed, such as a
            // port-forward whose kubelet refused the pod's port: it would fail the same way, at the cost of a websocket.
            // A check's first dial always goes out, so a retry sees a pod that has started to listen.
            java.net.ConnectException e = new java.net.ConnectException("Connection refused: not dialed again, "
                    + failed);
            evidence.connectFailed(e);
            channel.close();
            connected.tryFailure(e);
            return;
        }
        InetSocketAddress remote;
        try {
            remote = resolve(timed);
        } catch (java.net.UnknownHostException e) {
            channel.close();
            connected.tryFailure(e);
            return;
        }
        PhaseClock.mark(channel, PhaseClock.Event.CONNECT_START);
        channel.connect(remote).addListener(c -> {
            if (c.isSuccess()) {
                PhaseClock.mark(channel, PhaseClock.Event.CONNECTED);
                connected.trySuccess();
            } else {
                evidence.connectFailed(c.cause());
                channel.close();
                connected.tryFailure(c.cause());
            }
        });
    }

    /**
     * Looks the request's host up on one of the engine's event loops, as {@link #connect} does, for a library that
     * dials the address it is given (grpc-java): the lookup is the check's {@code dns} phase when the check has not
     * dialled yet. A literal address needs no lookup. Fails with an {@code UnknownHostException}.
     */
    public java.util.concurrent.CompletableFuture<InetSocketAddress> lookUp() {
        java.util.concurrent.CompletableFuture<InetSocketAddress> address = new java.util.concurrent.CompletableFuture<>();
        services.group().next().execute(() -> {
            try {
                address.complete(resolve(!clock.claimed()));
            } catch (java.net.UnknownHostException e) {
                address.completeExceptionally(e);
            }
        });
        return address;
    }

    /** The request's address, resolved now (a literal address needs no lookup and times no dns phase). */
    private InetSocketAddress resolve(boolean timed) throws java.net.UnknownHostException {
        String host = request.host();
        java.net.InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        if (literal != null) {
            return new InetSocketAddress(literal, request.port());
        }
        long start = System.nanoTime();
        java.net.InetAddress address = SocketUtils.addressByName(host);
        if (timed) {
            clock.dns(System.nanoTime() - start);
        }
        return new InetSocketAddress(address, request.port());
    }

    /**
     * Makes {@code channel} the check's timed connection if the check has not dialled yet, for a channel that a
     * library opens rather than {@link #connect} (grpc-java's sockets): its handlers then record with
     * {@link PhaseClock#mark}. Returns whether it is the timed one.
     */
    public boolean timeChannel(Channel channel) {
        if (!clock.claim()) {
            return false;
        }
        channel.attr(PhaseClock.KEY).set(clock);
        return true;
    }

    /**
     * Records the check's first-byte phase from {@code sentNanos} to {@code firstByteNanos} ({@link System#nanoTime()}),
     * unless one was recorded already: for a request whose timestamps come from a library's callbacks on the event
     * loop (a gRPC stream tracer), whatever connection it ran on.
     */
    public void firstByte(long sentNanos, long firstByteNanos) {
        clock.firstByte(sentNanos, firstByteNanos);
    }

    /** The phases of the check's first connection measured so far. */
    public dev.portprobe.outcome.Phases phases() {
        return clock.phases();
    }

    /**
     * Closes {@code channel} with the scope; closes it at once if the scope is already closed. The channel must
     * have been handed to an event loop already, as a Bootstrap's {@code connect} or {@code register} does before
     * it returns (see {@link #closeChannel}).
     */
    public <C extends Channel> C track(C channel) {
        return resources.track(channel);
    }

    /** Closes {@code resource} with the scope (a gRPC ManagedChannel's shutdownNow, for example). */
    public void onClose(AutoCloseable resource) {
        resources.onClose(resource);
    }

    /** True once the verdict is made or the deadline struck: nothing more should be dialed. */
    public boolean isClosed() {
        return resources.isClosed();
    }

    void close() {
        resources.close();
    }

    /**
     * Closes a channel from any thread. A channel's I/O state belongs to its event loop: closing it elsewhere while
     * the loop registers it frees the descriptor under the loop's feet, and the next socket to get that number is
     * then confused with the closed one (its registration fails and its check never hears back). So an
     * unregistered channel is closed on its event loop, which runs the close after the registration it already
     * holds. Only a channel that was never handed to an event loop, which nothing registers, is closed here.
     */
    public static void closeChannel(Channel channel) {
        ScopeResources.closeChannel(channel);
    }

    // --- evidence ---

    /** The TCP connection opened. */
    @Override
    public void markConnected() {
        evidence.markConnected();
    }

    public boolean connected() {
        return evidence.connected();
    }

    /** Name of the phase now running (connect, handshake, exchange...), for the timeout message. */
    @Override
    public void phase(String name) {
        evidence.phase(name);
    }

    /** What is known to answer so far, used if the deadline strikes before the verdict. */
    @Override
    public void observedSoFar(Observed observed) {
        evidence.observedSoFar(observed);
    }

    /** Keeps the first bytes the peer sent, for "unknown" results. Does not consume the buffer. */
    @Override
    public void recordBytes(ByteBuf buf) {
        evidence.recordBytes(buf);
    }

    @Override
    public byte[] firstBytes() {
        return evidence.firstBytes();
    }

    /** The verdict when the deadline strikes first. */
    public ProbeOutcome timeoutOutcome() {
        return evidence.timeoutOutcome(request);
    }
}
