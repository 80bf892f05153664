package dev.portprobe.probe.tls;

import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.Mismatch;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.Replies;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.TlsFacts;
import dev.portprobe.probe.net.TlsFailure;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The verdicts shared by the TLS-based probes (tls, https, mtls). */
public final class TlsVerdicts {
    public static final String REQUIRED = "TLS; client certificate required (mTLS enforced)";
    /**
     * The share of the deadline a handshake may take. A port that stays silent to a ClientHello (Redis waits for a
     * newline) leaves the rest to the identifier, so the result names what answers instead of a bare TIMEOUT.
     */
    private static final double HANDSHAKE_SHARE = 0.6;

    private TlsVerdicts() {
    }

    /** The handshake completed: OK for {@code observed}, with the facts and an expiry warning. */
    public static ProbeOutcome ok(Observed observed, String lead, TlsInfo info) {
        return ProbeOutcome.ok(observed, lead + TlsFacts.describe(info) + verification(info) + warning(info)).withTls(info);
    }

    /**
     * The server demanded a client certificate we did not have: OK when mTLS is expected, else WRONG_PROTOCOL with
     * observed {@code mtls}.
     */
    public static ProbeOutcome demanded(ProbeRequest request, TlsInfo info, String evidence) {
        String facts = info == null ? "" : "; " + TlsFacts.describe(info);
        String detail = REQUIRED + ": " + evidence + facts + (info == null ? "" : warning(info));
        if (request.expected().mutualTls()) {
            return ProbeOutcome.ok(Observed.MTLS, detail).withTls(info);
        }
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.MTLS, "handshake: " + detail).withTls(info);
    }

    /** The handshake did not complete: TLS_ERROR with the reason, an mTLS demand, or not TLS at all. */
    public static CompletableFuture<ProbeOutcome> failed(ProbeScope scope, Handshake.Failed f, boolean presentsCertificate) {
        ProbeRequest request = scope.request();
        TlsFailure failure = f.failure();
        f.channel().close();
        if (failure.certificateRefused()) {
            return done(tlsError(request, "handshake: " + failure.reason(), failure));
        }
        if (f.watch().certificateRequested()) {
            if (!presentsCertificate) {
                TlsInfo seen = f.watch().seenAtRequest();
                return done(demanded(request, seen, "the handshake failed without one (" + failure.reason() + ")"));
            }
            TlsFailure rejected = new TlsFailure(TlsFailure.Kind.OTHER, failure.reason(), failure.alert());
            return done(tlsError(request, "handshake: the server rejected the client certificate: " + failure.reason(), rejected)
                    .withHint(Hints.clientCertificateRejected(request)));
        }
        if (f.spokeTls()) {
            if (f.quiet()) {
                scope.observedSoFar(Observed.TLS);
                return done(ProbeOutcome.of(Status.TIMEOUT, Observed.TLS, "handshake: TLS answered, but the handshake "
                        + "did not finish within " + millis(scope) + " ms"));
            }
            return done(tlsError(request, "handshake: " + failure.reason(), failure));
        }
        byte[] bytes = f.watch().firstBytes();
        String what = !f.watch().reset() && bytes.length == 0 && f.quiet()
                ? "handshake: no reply to the ClientHello within " + millis(scope) + " ms"
                : bytes.length > 0 ? "handshake: the reply is not TLS: " + Replies.quote(bytes)
                : f.watch().reset() ? "handshake: the connection was reset without a reply"
                : "handshake: " + Hints.CLOSED_WITHOUT_REPLY;
        return Mismatch.resolve(scope, what, bytes, f.quiet() ? Status.TIMEOUT : Status.ERROR);
    }

    /** How long the handshake may wait before the probe asks the identifier what answers instead. */
    public static long handshakeWindow(ProbeScope scope) {
        return (long) (scope.remainingNanos() * HANDSHAKE_SHARE);
    }

    private static long millis(ProbeScope scope) {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scope.startNanos());
    }

    public static ProbeOutcome tlsError(ProbeRequest request, String detail, TlsFailure failure) {
        return ProbeOutcome.of(Status.TLS_ERROR, Observed.TLS, detail).withHint(Hints.tlsError(request, failure));
    }

    public static String warning(TlsInfo info) {
        String w = TlsFacts.expiryWarning(info, Instant.now());
        return w == null ? "" : "; " + w;
    }

    private static String verification(TlsInfo info) {
        return Boolean.TRUE.equals(info.verified()) ? "; verified against --ca" : "";
    }

    private static CompletableFuture<ProbeOutcome> done(ProbeOutcome o) {
        return CompletableFuture.completedFuture(o);
    }
}
