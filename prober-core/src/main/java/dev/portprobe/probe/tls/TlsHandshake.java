package dev.portprobe.probe.tls;

import dev.portprobe.probe.Connects;
import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProbeTls;
import dev.portprobe.probe.net.TlsConnector;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.InputException;
import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.outcome.Status;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The opening every TLS-based probe shares (tls, https, mtls): the engine's contexts, the handshake within its
 * share of the deadline, and the verdicts for a connect or handshake that failed. The probe continues from a
 * completed handshake.
 */
public final class TlsHandshake {
    private TlsHandshake() {
    }

    /** What a probe does once the handshake completed; {@code presents} is true when we sent a client certificate. */
    @FunctionalInterface
    public interface Then {
        CompletableFuture<ProbeOutcome> apply(Handshake.Completed completed, boolean presents);
    }

    public static CompletableFuture<ProbeOutcome> run(ProbeScope scope, ProbeRequest request, String what, List<String> alpn,
                                               Then then) {
        TlsContexts contexts;
        SslContext ctx;
        try {
            contexts = ProbeTls.contexts(scope);
            ctx = contexts.client(alpn);
        } catch (InputException e) {
            return CompletableFuture.completedFuture(ProbeOutcome.of(Status.ERROR, null, what + ": " + e.getMessage())
                    .withHint(Hints.clientTlsFiles()));
        }
        boolean presents = contexts.presentsCertificate();
        return TlsConnector.open(scope, ctx, contexts.verifies(), TlsVerdicts.handshakeWindow(scope), 0).thenCompose(h -> {
            if (h instanceof Handshake.NotConnected n) {
                return CompletableFuture.completedFuture(Connects.failure(request, n.cause()));
            }
            if (h instanceof Handshake.Failed f) {
                return TlsVerdicts.failed(scope, f, presents);
            }
            scope.observedSoFar(Observed.TLS);
            return then.apply((Handshake.Completed) h, presents);
        });
    }
}
