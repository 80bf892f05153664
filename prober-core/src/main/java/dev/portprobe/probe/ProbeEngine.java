package dev.portprobe.probe;

import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs probes. It owns one Netty event loop group (shared with gRPC channels), runs at most {@code concurrency}
 * checks at once, and gives every check a deadline: at the deadline the check completes as TIMEOUT and every
 * channel it opened is closed.
 */
public final class ProbeEngine implements AutoCloseable {
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Class<? extends DatagramChannel> datagramType;
    private final ClientTls clientTls;
    private final Map<Protocol, Probe> probes;
    private final Identifier identifier;
    private final int concurrency;
    private final EngineServices services;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private volatile boolean closed;

    public ProbeEngine(EngineOptions options) {
        boolean epoll = options.nativeTransport() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(options.threads(), new DefaultThreadFactory("portprobe-io", true), io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.datagramType = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        this.clientTls = options.clientTls();
        this.concurrency = options.concurrency();
        this.identifier = ProtocolSupports.identifier();
        this.probes = ProtocolSupports.probes();
        this.services = new EngineServices(group, channelType, datagramType, clientTls, concurrency, identifier);
    }

    public ProbeEngine() {
        this(EngineOptions.defaults());
    }

    EventLoopGroup group() {
        return group;
    }

    Class<? extends SocketChannel> channelType() {
        return channelType;
    }

    Class<? extends DatagramChannel> datagramType() {
        return datagramType;
    }

    public ClientTls clientTls() {
        return clientTls;
    }

    int concurrency() {
        return concurrency;
    }

    Identifier identifier() {
        return identifier;
    }

    /** What the engine lends every check: event loops, TLS contexts, the identifier, folder services. */
    public EngineServices services() {
        return services;
    }

    /**
     * Does the one-time set-up that {@code protocols} need (TLS contexts) now, on this thread, so that it counts
     * against no check's deadline. Optional: without it the first check that needs a context builds it.
     */
    public void prepare(java.util.Collection<Protocol> protocols) {
        TlsWarmUp.prepare(this, protocols);
        for (ProtocolSupport support : ProtocolSupports.all()) {
            support.prepare(this, protocols);
        }
    }

    /**
     * Checks that dial the same gRPC address share one connection for the engine's life (see
     * {@code grpc/GrpcConnections}); this ends that sharing, so that the checks after it dial anew. The runner calls it
     * before each re-probe round, when the servers may have been restarted since.
     */
    public void forgetConnections() {
        for (ProtocolSupport support : ProtocolSupports.all()) {
            support.forgetConnections(this);
        }
    }

    /** Runs the probe of {@code request}'s expected protocol. The future never completes exceptionally. */
    public CompletableFuture<ProbeOutcome> probe(ProbeRequest request) {
        Probe probe = probes.get(request.expected());
        return run(request, scope -> probe.probe(scope, request));
    }

    /** Finds out what answers on HOST:PORT within {@code request.timeout()}. */
    public CompletableFuture<Identification> identify(ProbeRequest request) {
        CompletableFuture<Identification> found = new CompletableFuture<>();
        // what the steps found, kept should a folder's last step (gRPC's health Check) still run when the deadline comes
        java.util.concurrent.atomic.AtomicReference<Identification> identified = new java.util.concurrent.atomic.AtomicReference<>();
        run(request, scope -> identifier.identify(scope)
                .thenCompose(id -> {
                    identified.set(id);
                    return ProtocolSupports.refineIdentification(scope, id);
                }).thenApply(id -> {
                    found.complete(id);
                    return ProbeOutcome.ok(id.observed(), id.detail());
                })).thenAccept(outcome -> found.complete(identified.get() != null ? identified.get()
                : new Identification(outcome.observed(), outcome.status() == Status.REFUSED, outcome.detail(), outcome.tls())));
        return found;
    }

    /** Runs {@code body} as one check: queued for a slot, under the deadline, its scope closed at the verdict. */
    CompletableFuture<ProbeOutcome> run(ProbeRequest request,
                                        java.util.function.Function<ProbeScope, CompletableFuture<ProbeOutcome>> body) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        CompletableFuture<ProbeOutcome> result = new CompletableFuture<>();
        Runnable start = () -> start(request, body, result);
        boolean now;
        synchronized (waiting) {
            now = running < concurrency;
            if (now) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /**
     * Starts one check. Whatever a probe does (returns, fails, throws, never answers), the result completes exactly
     * once and the slot is released: the verdict's handler is in place before the probe runs, the deadline is armed
     * before it, and a throw from the probe is the verdict.
     */
    private void start(ProbeRequest request,
                       java.util.function.Function<ProbeScope, CompletableFuture<ProbeOutcome>> body,
                       CompletableFuture<ProbeOutcome> result) {
        long started = System.nanoTime();
        ProbeScope scope = new ProbeScope(this, request, started);
        CompletableFuture<ProbeOutcome> verdict = new CompletableFuture<>();
        var timer = group.next().schedule(() -> verdict.complete(timeoutOutcome(scope)),
                request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        verdict.whenComplete((outcome, error) -> finish(request, scope, timer, started, outcome, result));
        try {
            body.apply(scope).whenComplete((outcome, error) ->
                    verdict.complete(outcome != null ? outcome : errorOutcome(request, error)));
        } catch (Throwable e) {
            // A probe must not throw, but a bug (or an assertion inside Netty) must not cost the check its verdict.
            verdict.complete(errorOutcome(request, e));
        }
    }

    private static ProbeOutcome timeoutOutcome(ProbeScope scope) {
        try {
            return scope.timeoutOutcome();
        } catch (RuntimeException e) {
            return errorOutcome(scope.request(), e);
        }
    }

    private void finish(ProbeRequest request, ProbeScope scope, java.util.concurrent.Future<?> timer, long started,
                        ProbeOutcome outcome, CompletableFuture<ProbeOutcome> result) {
        ProbeOutcome finished = outcome;
        try {
            timer.cancel(false);
            scope.close();
            finished = outcome.withLatency(System.nanoTime() - started).withPhases(scope.phases());
            if (finished.hint() == null && finished.status() != Status.OK) {
                finished = finished.withHint(Hints.forOutcome(request, finished));
            }
        } catch (RuntimeException e) {
            // Closing or describing must not keep the check from completing and its slot from being released:
            // the soak test once hung here when a socket could not be closed.
        } finally {
            release();
            result.complete(finished);
        }
    }

    private static ProbeOutcome errorOutcome(ProbeRequest request, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return ProbeOutcome.of(Status.ERROR, null,
                request.expected().id() + " probe of " + request.address() + " failed: " + cause);
    }

    private void release() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            // Start the next check off this call stack, so long queues do not grow the stack; on the event loop
            // that finished this one when there is one, which needs no wake-up of another thread.
            currentLoopOrNext().execute(next);
        }
    }

    private io.netty.util.concurrent.EventExecutor currentLoopOrNext() {
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return group.next();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
