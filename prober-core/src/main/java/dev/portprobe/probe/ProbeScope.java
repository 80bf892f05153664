package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
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
public final class ProbeScope {
    private final EngineServices services;
    private final ProbeRequest request;
    private final Deadline deadline;
    private final ScopeEvidence evidence = new ScopeEvidence();
    private final ScopeResources resources = new ScopeResources();

    ProbeScope(ProbeEngine engine, ProbeRequest request, long startNanos) {
        this.services = engine.services();
        this.request = request;
        this.deadline = new Deadline(startNanos, request.timeout());
    }

    public ProbeRequest request() {
        return request;
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

    public Identifier identifier() {
        return services.identifier();
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
    public void markConnected() {
        evidence.markConnected();
    }

    public boolean connected() {
        return evidence.connected();
    }

    /** Name of the phase now running (connect, handshake, exchange...), for the timeout message. */
    public void phase(String name) {
        evidence.phase(name);
    }

    /** What is known to answer so far, used if the deadline strikes before the verdict. */
    public void observedSoFar(Observed observed) {
        evidence.observedSoFar(observed);
    }

    /** Keeps the first bytes the peer sent, for "unknown" results. Does not consume the buffer. */
    public void recordBytes(ByteBuf buf) {
        evidence.recordBytes(buf);
    }

    public byte[] firstBytes() {
        return evidence.firstBytes();
    }

    /** The verdict when the deadline strikes first. */
    public ProbeOutcome timeoutOutcome() {
        return evidence.timeoutOutcome(request);
    }
}
