package dev.portprobe.probe.tls;

import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.probe.net.TlsFacts;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import java.util.concurrent.CompletableFuture;

/**
 * mTLS (and grpc-mtls without client credentials): passes when the server sends a CertificateRequest, seen by the
 * key manager, never inferred from alert text. Without --cert/--key it then confirms the requirement (TLS 1.2:
 * the handshake fails; TLS 1.3: alert 116 after it; nginx: HTTP 400), and says "client certificate required (mTLS
 * enforced)". A server that asks but lets us in anyway still passes, and the detail says it did not insist.
 *
 * <p>With --cert/--key the handshake completes with the certificate, and a refusal right after it (an alert about
 * the certificate) is TLS_ERROR. A TLS port that never asks is WRONG_PROTOCOL observed {@code tls}.
 */
public final class MtlsProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        return TlsHandshake.run(scope, request, "mtls", request.expected() == Protocol.GRPC_MTLS ? TlsContexts.ALPN_H2 : TlsContexts.ALPN_H2_AND_HTTP1, (c, presents) -> {
            if (!c.certificateRequested()) {
                return CompletableFuture.completedFuture(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.TLS,
                        "handshake: TLS, but the server never asked for a client certificate; "
                                + TlsFacts.describe(c.info())).withTls(c.info()).withHint(Hints.mtlsNotEnforced(request)));
            }
            return presents ? withCertificate(scope, c) : withoutCertificate(scope, c);
        });
    }

    private static CompletableFuture<ProbeOutcome> withoutCertificate(ProbeScope scope, Handshake.Completed c) {
        return RequirementCheck.confirm(scope, c).thenApply(r -> r.required()
                ? TlsVerdicts.demanded(scope.request(), c.info(), r.evidence())
                : TlsVerdicts.ok(Observed.MTLS, "TLS; client certificate requested but not required ("
                + r.evidence() + "): ", c.info()));
    }

    private static CompletableFuture<ProbeOutcome> withCertificate(ProbeScope scope, Handshake.Completed c) {
        return RequirementCheck.rejection(scope, c).thenApply(rejected -> rejected == null
                ? TlsVerdicts.ok(Observed.MTLS, "TLS with client certificate (requested and accepted): ", c.info())
                : TlsVerdicts.tlsError(scope.request(), "after handshake: the server rejected the client certificate: "
                + rejected.reason(), rejected).withTls(c.info()).withHint(Hints.clientCertificateRejected(scope.request())));
    }
}
