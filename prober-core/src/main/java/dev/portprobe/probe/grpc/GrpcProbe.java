package dev.portprobe.probe.grpc;

import dev.portprobe.probe.wire.Bytes;
import dev.portprobe.probe.Connects;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.net.PhaseClock;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import io.grpc.ManagedChannel;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * gRPC, gRPC over TLS and gRPC over mTLS: a {@code grpc.health.v1.Health/Check} through grpc-java over
 * grpc-netty, on the engine's event loop group. {@link GrpcVerdict} classifies what came back; when that says
 * the port does not speak gRPC, this class runs the follow-up (a TLS sniff, the identifier) inside the deadline.
 *
 * <p>grpc-mtls without a client certificate cannot run a health Check: it goes to the injected mTLS probe,
 * which proves that the server demands a client certificate.
 */
final class GrpcProbe implements Probe {
    private static final int MAX_METADATA_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_BYTES = 4 * 1024;

    private final Probe mtlsWithoutCredentials;

    /** @param mtlsWithoutCredentials runs grpc-mtls checks when the engine has no client certificate */
    GrpcProbe(Probe mtlsWithoutCredentials) {
        this.mtlsWithoutCredentials = Objects.requireNonNull(mtlsWithoutCredentials, "mtlsWithoutCredentials");
    }

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        Protocol protocol = request.expected();
        if (protocol == Protocol.GRPC_MTLS && !scope.clientTls().hasClientCertificate()) {
            return mtlsWithoutCredentials.probe(scope, request);
        }
        SslContext ssl = null;
        if (protocol.overTls()) {
            GrpcTlsContexts.Built built = GrpcTlsContexts.of(scope).grpc(protocol == Protocol.GRPC_MTLS);
            if (built.error() != null) {
                return CompletableFuture.completedFuture(ProbeOutcome.of(Status.ERROR, null, "handshake: " + built.error())
                        .withHint("check the files given to --ca, --cert and --key"));
            }
            ssl = built.context();
        }
        GrpcConnections connections = GrpcConnections.of(scope);
        GrpcConnections.Key key = GrpcConnections.Key.of(request);
        GrpcConnections.Connection shared = connections.lease(key);
        return shared == null
                ? onOwnConnection(scope, request, ssl, connections, key)
                : onShared(scope, request, ssl, connections, key, shared);
    }

    /**
     * On a connection that a gRPC server answered OK on before. Only an OK gRPC answer is taken from it, within half
     * of what is left of the deadline (a peer that vanished without a reset leaves the other half); anything else
     * retires the connection and the check asks again on a connection of its own, where every signal (connect,
     * first bytes, TLS) is its own. The connection is retired too when the check ends without an OK answer, so that
     * a retry dials anew.
     */
    private CompletableFuture<ProbeOutcome> onShared(ProbeScope scope, ProbeRequest request, SslContext ssl,
                                                     GrpcConnections connections, GrpcConnections.Key key,
                                                     GrpcConnections.Connection shared) {
        AtomicBoolean ok = new AtomicBoolean();
        scope.onClose(() -> {
            if (!ok.get()) {
                connections.retire(shared);
            }
            shared.release();
        });
        String service = request.spec().grpc().service();
        return HealthCall.start(shared.channel(), service, scope, scope.remainingNanos() / 2).thenCompose(answer -> {
            if (answer.grpcContentType() && answer.status().getCode() != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                return follow(scope, request, answer).thenApply(outcome -> {
                    ok.set(outcome.status() == Status.OK);
                    return outcome;
                });
            }
            connections.retire(shared);
            return scope.expired() ? done(scope.timeoutOutcome()) : onOwnConnection(scope, request, ssl, connections, key);
        });
    }

    /**
     * On a connection of the check's own. A host name is looked up here, on the engine's event loop as every other
     * probe's dial does (so the check has a {@code dns} phase), and grpc-java dials the address with the name's
     * authority, as for an IP literal; its own DNS resolver is never used.
     */
    private CompletableFuture<ProbeOutcome> onOwnConnection(ProbeScope scope, ProbeRequest request, SslContext ssl,
                                                            GrpcConnections connections, GrpcConnections.Key key) {
        InetSocketAddress literal = literal(request);
        if (literal != null) {
            return dial(scope, request, ssl, connections, key, literal);
        }
        return scope.lookUp().handle((address, failure) -> {
            if (failure != null) {
                return done(Connects.failure(request, failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure));
            }
            return scope.expired() ? done(scope.timeoutOutcome()) : dial(scope, request, ssl, connections, key, address);
        }).thenCompose(outcome -> outcome);
    }

    private CompletableFuture<ProbeOutcome> dial(ProbeScope scope, ProbeRequest request, SslContext ssl,
                                                 GrpcConnections connections, GrpcConnections.Key key,
                                                 InetSocketAddress address) {
        GrpcConnections.Connection own = connections.open();
        if (own == null) {
            return done(ProbeOutcome.of(Status.ERROR, null, "the engine is closing"));
        }
        scope.onClose(own::release);
        own.channel(channel(scope, request, address, ssl, own));
        String service = request.spec().grpc().service();
        return HealthCall.start(own.channel(), service, scope, scope.remainingNanos()).thenCompose(answer ->
                follow(scope, request, answer).thenApply(outcome -> {
                    if (answer.grpcContentType() && outcome.status() == Status.OK) {
                        connections.offer(key, own);
                    }
                    return outcome;
                }));
    }

    /**
     * A channel that dials directly (no proxy, no retries, no keepalive), runs its callbacks and name resolution
     * on the engine's event loops, and taps each socket so the scope knows whether it connected and what the
     * server sent first. Every socket is tracked by {@code connection} once registered; the connection shuts the
     * channel down.
     */
    private static ManagedChannel channel(ProbeScope scope, ProbeRequest request, InetSocketAddress address,
                                          SslContext ssl, GrpcConnections.Connection connection) {
        ReflectiveChannelFactory<? extends Channel> sockets = new ReflectiveChannelFactory<>(scope.channelType());
        boolean tls = ssl != null;
        // the address as it is, through grpc-java's direct-address resolver, with the authority a host name would have
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(address).overrideAuthority(request.address())
                .eventLoopGroup(scope.group())
                .channelFactory(() -> {
                    Channel ch = sockets.newChannel();
                    scope.timeChannel(ch); // the check's phases, if this is its first dial
                    ch.pipeline().addFirst(new WireTap(scope, tls, connection));
                    return ch;
                })
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(scope.remainingNanos())))
                .directExecutor()
                .offloadExecutor(scope.group())
                .proxyDetector(target -> null)
                .disableRetry()
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .userAgent("portprobe");
        String serverName = request.spec().tls().serverName();
        if (tls && serverName != null && !serverName.isBlank()) {
            b.overrideAuthority(serverName + ":" + request.port());
        }
        if (tls) {
            b.sslContext(ssl).negotiationType(NegotiationType.TLS);
        } else {
            b.usePlaintext();
        }
        return b.build();
    }

    /** The request's IP literal as an address (no lookup), or null for a host name. */
    private static InetSocketAddress literal(ProbeRequest request) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(request.host());
        if (ip == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), request.port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a parsed IP literal was refused: " + request.host(), e);
        }
    }

    private CompletableFuture<ProbeOutcome> follow(ProbeScope scope, ProbeRequest request, GrpcAnswer answer) {
        GrpcVerdict.Next next = GrpcVerdict.decide(request, answer, scope.connected(), scope.firstBytes());
        if (next instanceof GrpcVerdict.Done done) {
            ProbeOutcome outcome = done.outcome();
            return done(outcome.tls() == null ? outcome.withTls(GrpcTlsFacts.of(answer, scope.clientTls())) : outcome);
        }
        if (next instanceof GrpcVerdict.TimedOut) {
            return done(scope.timeoutOutcome());
        }
        if (next instanceof GrpcVerdict.SniffTls sniff) {
            return sniff(scope, request, sniff);
        }
        if (next instanceof GrpcVerdict.TlsAnswered answered) {
            return unlessMtls(scope, request, tlsOnPlaintextPort(request, answered.detail()));
        }
        if (next instanceof GrpcVerdict.TlsFailed failed) {
            return unlessMtls(scope, request, ProbeOutcome.of(Status.TLS_ERROR, Observed.TLS, failed.detail()));
        }
        return identify(scope, request, ((GrpcVerdict.Identify) next).callSaid());
    }

    /** HTTP/1.x or a silent close answered the plaintext preface: TLS or HTTP/1.x? */
    private CompletableFuture<ProbeOutcome> sniff(ProbeScope scope, ProbeRequest request, GrpcVerdict.SniffTls sniff) {
        GrpcTlsContexts.Built context = GrpcTlsContexts.of(scope).sniff();
        CompletableFuture<Boolean> tls = context.error() != null || scope.expired()
                ? CompletableFuture.completedFuture(false)
                : TlsSniff.speaksTls(scope, context.context(), sniffBudget(scope, sniff.sawHttp()));
        return tls.thenCompose(speaksTls -> {
            if (speaksTls) {
                return unlessMtls(scope, request, tlsOnPlaintextPort(request,
                        "handshake: the port answered a TLS ClientHello; plaintext gRPC got " + sniff.callSaid()));
            }
            if (sniff.sawHttp()) {
                return done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.HTTP,
                        "exchange: HTTP/1.x answered the HTTP/2 preface (first bytes \"" + Bytes.escape(scope.firstBytes())
                                + "\"), and the port does not speak TLS"));
            }
            return identify(scope, request, sniff.callSaid());
        });
    }

    /**
     * After HTTP/1.x answered, an HTTP/1.x server may wait for a newline that a ClientHello never sends: keep
     * half of what is left for that case, and call it HTTP. After a silent close, the sniff may use it all.
     */
    private static long sniffBudget(ProbeScope scope, boolean sawHttp) {
        long left = scope.remainingNanos();
        return sawHttp ? left / 2 : left;
    }

    private static ProbeOutcome tlsOnPlaintextPort(ProbeRequest request, String detail) {
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.TLS, detail)
                .withHint("the port expects TLS: use grpc-tls for " + request.port() + ", or check whether mTLS is enforced");
    }

    /** TLS answered: the identifier tells whether it demands a client certificate; else {@code otherwise}. */
    private CompletableFuture<ProbeOutcome> unlessMtls(ProbeScope scope, ProbeRequest request, ProbeOutcome otherwise) {
        if (scope.expired()) {
            return done(otherwise);
        }
        return scope.identifier().identify(scope).handle((id, error) ->
                id != null && Observed.MTLS.equals(id.observed()) ? mtls(request, id) : otherwise);
    }

    private static ProbeOutcome mtls(ProbeRequest request, Identification id) {
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.MTLS,
                        "handshake: the server demands a client certificate (mTLS enforced): " + id.detail())
                .withHint("port " + request.port() + " enforces mTLS: use the profile's -mtls variant (grpc-mtls), or give --cert/--key")
                .withTls(id.tls());
    }

    /** Our own signals did not decide: the identifier finds out what answers, in what is left of the deadline. */
    private CompletableFuture<ProbeOutcome> identify(ProbeScope scope, ProbeRequest request, String callSaid) {
        if (scope.expired()) {
            return done(scope.timeoutOutcome());
        }
        return scope.identifier().identify(scope).handle((id, error) -> fromIdentification(request, id, callSaid));
    }

    static ProbeOutcome fromIdentification(ProbeRequest request, Identification id, String callSaid) {
        String said = "health Check: " + callSaid;
        if (id == null) {
            return ProbeOutcome.of(Status.ERROR, null, said + "; identification failed");
        }
        String both = said + "; identify: " + id.detail();
        if (id.refused()) {
            return ProbeOutcome.of(Status.REFUSED, null, both);
        }
        if (id.observed() == null || Observed.GRPC.equals(id.observed())) {
            return ProbeOutcome.of(Status.ERROR, id.observed(), both).withTls(id.tls());
        }
        if (Observed.SILENT.equals(id.observed())) {
            return ProbeOutcome.of(Status.TIMEOUT, Observed.SILENT, both);
        }
        if (Observed.MTLS.equals(id.observed())) {
            return mtls(request, id);
        }
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, id.observed(), both).withTls(id.tls())
                .withClosedWithoutReply(id.closedWithoutReply());
    }

    private static CompletableFuture<ProbeOutcome> done(ProbeOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * First in every pipeline: hands the socket to its connection once registered, notes the connect, and keeps the
     * first bytes (raw, before TLS) for the verdict. On the check's timed socket it also marks the phases: the connect
     * (the outbound connect to its promise's success) and the TLS handshake (connected to grpc-netty's
     * {@link SslHandler}'s handshake future; grpc-netty adds that handler when the socket becomes active, so it is
     * looked up then, or at the latest at the first bytes read, which the handshake needs). The socket is tracked only from its registration on: grpc-java
     * makes it in the channel factory and registers it afterwards, and a socket closed from another thread in
     * between would be closed under its event loop's feet (see {@link ProbeScope#closeChannel}). Until then it is
     * grpc-java's, which closes it if the registration fails.
     */
    private static final class WireTap extends ChannelDuplexHandler {
        private final ProbeScope scope;
        private final boolean tls;
        private final GrpcConnections.Connection connection;
        private boolean handshakeWatched;

        WireTap(ProbeScope scope, boolean tls, GrpcConnections.Connection connection) {
            this.scope = scope;
            this.tls = tls;
            this.connection = connection;
        }

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            connection.track(ctx.channel());
            ctx.fireChannelRegistered();
        }

        @Override
        public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            Channel ch = ctx.channel();
            PhaseClock.mark(ch, PhaseClock.Event.CONNECT_START);
            if (!promise.isVoid()) {
                promise.addListener(f -> {
                    if (f.isSuccess()) {
                        PhaseClock.mark(ch, PhaseClock.Event.CONNECTED);
                    }
                });
            }
            ctx.connect(remote, local, promise);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            scope.markConnected();
            scope.phase(tls ? "handshake" : "exchange");
            ctx.fireChannelActive();
            watchHandshake(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                scope.recordBytes(buf);
            }
            watchHandshake(ctx);
            ctx.fireChannelRead(msg);
        }

        private void watchHandshake(ChannelHandlerContext ctx) {
            if (!tls || handshakeWatched) {
                return;
            }
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl != null) {
                handshakeWatched = true;
                Channel ch = ctx.channel();
                ssl.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        PhaseClock.mark(ch, PhaseClock.Event.TLS_DONE);
                    }
                });
            }
        }
    }
}
