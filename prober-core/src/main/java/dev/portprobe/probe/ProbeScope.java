package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.outcome.Status;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.internal.SocketUtils;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Everything one check may use, and everything it opened. The engine closes the scope at the verdict or at the
 * deadline, which closes every tracked channel and resource: a probe cannot leak a socket.
 */
public final class ProbeScope {
    private static final int FIRST_BYTES = 64;

    private final ProbeEngine engine;
    private final ProbeRequest request;
    private final long startNanos;
    private final long deadlineNanos;
    private final List<Channel> channels = new ArrayList<>(2);
    private final List<AutoCloseable> closers = new ArrayList<>(1);
    private boolean closed;
    private volatile boolean connected;
    private volatile Observed observedSoFar;
    private volatile String phase = "connect";
    private final byte[] firstBytes = new byte[FIRST_BYTES];
    private int firstBytesLength;
    private final PhaseClock clock = new PhaseClock();

    ProbeScope(ProbeEngine engine, ProbeRequest request, long startNanos) {
        this.engine = engine;
        this.request = request;
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + request.timeout().toNanos();
    }

    public ProbeRequest request() {
        return request;
    }

    public EventLoopGroup group() {
        return engine.group();
    }

    public Class<? extends SocketChannel> channelType() {
        return engine.channelType();
    }

    /** The datagram channel class that fits {@link #group()} (for UDP probes). */
    public Class<? extends io.netty.channel.socket.DatagramChannel> datagramType() {
        return engine.datagramType();
    }

    public ClientTls clientTls() {
        return engine.clientTls();
    }

    /** Engine-wide objects built once (SSL contexts and the like). */
    public <T> T shared(Class<T> type, java.util.function.Supplier<T> factory) {
        return engine.shared(type, factory);
    }

    /** How many checks the engine runs at once. */
    public int concurrency() {
        return engine.concurrency();
    }

    public Identifier identifier() {
        return engine.identifier();
    }

    /** System.nanoTime() when the check started. */
    public long startNanos() {
        return startNanos;
    }

    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    public boolean expired() {
        return remainingNanos() == 0;
    }

    /** A Bootstrap on the engine's group whose connect timeout is what is left of the deadline. */
    public Bootstrap bootstrap() {
        int connectMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
        return new Bootstrap()
                .group(engine.group())
                .channel(engine.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_CLOSE, true);
    }

    /**
     * Connects a channel of {@code bootstrap} to the request's address, tracked by the scope, as
     * {@code bootstrap.connect(host, port)} would (register, resolve, connect; closed on failure), but in steps the
     * scope can time: the check's first dial is its {@link PhaseClock}'s, whose name resolution is timed here on the
     * channel's event loop and whose connect ends at the connect future. The returned future fails with the cause a
     * Bootstrap would give (an {@code UnknownHostException}, a {@code ConnectException}...).
     */
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
                    channel.close();
                    connected.tryFailure(c.cause());
                }
            });
        });
        return connected;
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
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
            if (!closeNow) {
                channels.add(channel);
            }
        }
        if (closeNow) {
            closeChannel(channel);
        }
        return channel;
    }

    /** Closes {@code resource} with the scope (a gRPC ManagedChannel's shutdownNow, for example). */
    public void onClose(AutoCloseable resource) {
        boolean closeNow;
        synchronized (this) {
            closeNow = closed;
            if (!closeNow) {
                closers.add(resource);
            }
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    /** True once the verdict is made or the deadline struck: nothing more should be dialed. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The TCP connection opened. */
    public void markConnected() {
        connected = true;
        phase = "exchange";
    }

    public boolean connected() {
        return connected;
    }

    /** Name of the phase now running (connect, handshake, exchange...), for the timeout message. */
    public void phase(String name) {
        this.phase = name;
    }

    /** What is known to answer so far, used if the deadline strikes before the verdict. */
    public void observedSoFar(Observed observed) {
        this.observedSoFar = observed;
    }

    /** Keeps the first bytes the peer sent, for "unknown" results. Does not consume the buffer. */
    public synchronized void recordBytes(ByteBuf buf) {
        int n = Math.min(FIRST_BYTES - firstBytesLength, buf.readableBytes());
        if (n > 0) {
            buf.getBytes(buf.readerIndex(), firstBytes, firstBytesLength, n);
            firstBytesLength += n;
        }
    }

    public synchronized byte[] firstBytes() {
        return java.util.Arrays.copyOf(firstBytes, firstBytesLength);
    }

    /** The verdict when the deadline strikes first. */
    public ProbeOutcome timeoutOutcome() {
        long ms = request.timeout().toMillis();
        if (!connected) {
            return ProbeOutcome.of(Status.TIMEOUT, null,
                    "connect: no answer from " + request.address() + " within " + ms + " ms");
        }
        byte[] bytes = firstBytes();
        Observed seen = observedSoFar != null ? observedSoFar : named(bytes);
        String first = bytes.length == 0 ? "" : "; first bytes " + Replies.quote(bytes);
        if (seen != null) {
            return ProbeOutcome.of(Status.TIMEOUT, seen,
                    phase + ": " + seen + " answered but did not finish within " + ms + " ms" + first);
        }
        if (bytes.length == 0) {
            return ProbeOutcome.of(Status.TIMEOUT, Observed.SILENT,
                    phase + ": connected, but nothing answered within " + ms + " ms");
        }
        return ProbeOutcome.of(Status.TIMEOUT, Observed.UNKNOWN,
                phase + ": no complete answer within " + ms + " ms" + first);
    }

    /** The protocol the first bytes show, or null. */
    private static Observed named(byte[] bytes) {
        Replies.Finding f = bytes.length == 0 ? null : Replies.name(bytes);
        return f == null ? null : f.observed();
    }

    void close() {
        List<Channel> toClose;
        List<AutoCloseable> closeAlso;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(channels);
            closeAlso = List.copyOf(closers);
        }
        for (Channel ch : toClose) {
            closeChannel(ch);
        }
        for (AutoCloseable c : closeAlso) {
            closeQuietly(c);
        }
    }

    /**
     * Closes a channel from any thread. A channel's I/O state belongs to its event loop: closing it elsewhere while
     * the loop registers it frees the descriptor under the loop's feet, and the next socket to get that number is
     * then confused with the closed one (its registration fails and its check never hears back). So an
     * unregistered channel is closed on its event loop, which runs the close after the registration it already
     * holds. Only a channel that was never handed to an event loop, which nothing registers, is closed here.
     */
    public static void closeChannel(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
            return;
        }
        EventLoop loop = eventLoopOf(channel);
        if (loop == null) {
            channel.unsafe().closeForcibly();
        } else if (loop.inEventLoop()) {
            closeOnItsLoop(channel);
        } else {
            loop.execute(() -> closeOnItsLoop(channel));
        }
    }

    private static void closeOnItsLoop(Channel channel) {
        if (channel.isRegistered()) {
            channel.close();
        } else {
            channel.unsafe().closeForcibly(); // its registration failed, or was never started: no loop holds it
        }
    }

    private static EventLoop eventLoopOf(Channel channel) {
        try {
            return channel.eventLoop();
        } catch (IllegalStateException notRegisteredYet) {
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out; the verdict is already made
        }
    }
}
