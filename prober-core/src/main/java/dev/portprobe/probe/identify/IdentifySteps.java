package dev.portprobe.probe.identify;

import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.net.Dial;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.net.TlsConnector;
import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.ProtocolStep;

import dev.portprobe.outcome.Observed;

import dev.portprobe.probe.net.TlsFacts;
import dev.portprobe.probe.net.TlsWatch;
import dev.portprobe.probe.wire.Sniff;
import dev.portprobe.outcome.TlsInfo;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one {@link IdentifyStep} on a fresh connection of the scope, and says how it ended: the banner wait sends
 * nothing, the TLS step shakes hands, a folder's step sends its request and reads as it says.
 */
final class IdentifySteps {
    private static final long MIN_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    private IdentifySteps() {
    }

    /**
     * @param windowNanos  how long to wait for a reply (for TLS: for the handshake)
     * @param connectNanos the connect timeout
     */
    static CompletableFuture<StepResult> run(ProbeScope scope, IdentifyStep step, long windowNanos, long connectNanos) {
        return step == IdentifyStep.TLS ? tls(scope, windowNanos, connectNanos) : plain(scope, step, windowNanos, connectNanos);
    }

    private static CompletableFuture<StepResult> plain(ProbeScope scope, IdentifyStep step, long window, long connect) {
        ProtocolStep folder = step.folderStep();
        Exchange exchange = (folder == null
                ? new Exchange(scope, null, window, ProtocolStep.DEFAULT_CAP, b -> Sniff.of(b) != Sniff.NEED_MORE)
                : new Exchange(scope, folder.request(scope.request()), window, folder.cap(), folder::complete))
                .endingBy(System.nanoTime() + window); // a cold JVM's first connects are slow: count them in
        return Dial.run(scope, connect, exchange).thenApply(dialed -> {
            dialed.channel().close();
            if (!dialed.connected()) {
                return notConnected(step, dialed.connectFailure());
            }
            Reply reply = dialed.reply();
            return reply.empty() ? StepResult.noReply(step, reply.end()) : StepResult.ofBytes(step, reply.bytes());
        });
    }

    /**
     * The handshake waits for the context only if a cold engine is still building it ({@link IdentifyTls}); the
     * windows then shrink by the wait, within limits ({@link #afterBuild}). No dial once the check has ended.
     */
    private static CompletableFuture<StepResult> tls(ProbeScope scope, long window, long connect) {
        long start = System.nanoTime();
        CompletableFuture<SslContext> context = IdentifyTls.of(scope);
        if (context.isDone() && !context.isCompletedExceptionally()) {
            return handshake(scope, context.join(), window, connect);
        }
        return context.handle((ctx, error) -> {
            if (ctx == null) {
                Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
                return CompletableFuture.completedFuture(StepResult.skipped(IdentifyStep.TLS, String.valueOf(cause.getMessage())));
            }
            if (scope.isClosed()) {
                return CompletableFuture.completedFuture(StepResult.skipped(IdentifyStep.TLS, "the check ended first"));
            }
            return handshake(scope, ctx, afterBuild(scope, window, start), afterBuild(scope, connect, start));
        }).thenCompose(f -> f);
    }

    /**
     * What is left of {@code nanos} once the context is built, but at least half of it (a slow build must not leave
     * the handshake a moment, which would read as a quiet port), and at most half of what is left of the deadline
     * (a cold JVM's first handshake still has to set up its engine before the window starts).
     */
    private static long afterBuild(ProbeScope scope, long nanos, long start) {
        long left = Math.max(nanos - (System.nanoTime() - start), nanos / 2);
        return Math.max(MIN_NANOS, Math.min(left, scope.remainingNanos() / 2));
    }

    private static CompletableFuture<StepResult> handshake(ProbeScope scope, SslContext ctx, long window, long connect) {
        return TlsConnector.open(scope, ctx, false, window, connect).thenApply(IdentifySteps::handshake);
    }

    /** A completed handshake, or TLS records before a failure, is tls (mtls after a CertificateRequest). */
    static StepResult handshake(Handshake h) {
        if (h instanceof Handshake.Completed c) {
            c.channel().close();
            boolean requested = c.certificateRequested();
            String what = requested ? "the server asked for a client certificate; " : "";
            return StepResult.tls(requested ? Observed.MTLS : Observed.TLS, what + TlsFacts.describe(c.info()), c.info(),
                    c.watch().firstBytes());
        }
        if (h instanceof Handshake.Failed f) {
            f.channel().close();
            return failed(f);
        }
        return notConnected(IdentifyStep.TLS, ((Handshake.NotConnected) h).cause());
    }

    /** A connect that the server reset (it accepted, then reset before the connect completed here) is a reset. */
    private static StepResult notConnected(IdentifyStep step, Throwable cause) {
        return TlsWatch.isReset(cause) ? StepResult.noReply(step, Reply.End.RESET) : StepResult.notConnected(step, cause);
    }

    private static StepResult failed(Handshake.Failed f) {
        byte[] bytes = f.watch().firstBytes();
        if (f.spokeTls()) {
            boolean requested = f.watch().certificateRequested();
            TlsInfo seen = f.watch().seenAtRequest();
            String what = requested ? "the server asked for a client certificate, then failed the handshake without one"
                    : f.quiet() ? "TLS answered, but the handshake did not finish in time"
                    : "TLS answered, but the handshake failed: " + f.failure().reason();
            return StepResult.tls(requested ? Observed.MTLS : Observed.TLS, what + (seen == null ? "" : TlsFacts.certificate(seen)),
                    seen, bytes);
        }
        if (bytes.length > 0) {
            return StepResult.ofBytes(IdentifyStep.TLS, bytes);
        }
        boolean reset = f.watch().reset() || TlsWatch.isReset(f.cause());
        Reply.End end = f.quiet() ? Reply.End.QUIET : reset ? Reply.End.RESET : Reply.End.CLOSED;
        return StepResult.noReply(IdentifyStep.TLS, end);
    }
}
