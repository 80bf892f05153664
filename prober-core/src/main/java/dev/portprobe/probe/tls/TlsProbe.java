package dev.portprobe.probe.tls;

import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.TlsContexts;
import java.util.concurrent.CompletableFuture;

/**
 * TLS: passes when the handshake completes. Reports version, cipher, ALPN (h2 and http/1.1 offered), the server
 * certificate's subject, SANs and expiry, with a warning under 14 days. Trusts any certificate unless --ca is given;
 * then a chain or name failure is TLS_ERROR with the reason. Presents --cert/--key when the server asks.
 *
 * <p>A server that demands a client certificate we do not have is {@code mtls}, not {@code tls}: TLS 1.2 fails the
 * handshake, TLS 1.3 refuses right after it; both are WRONG_PROTOCOL observed {@code mtls}.
 */
final class TlsProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        return TlsHandshake.run(scope, request, "tls", TlsContexts.ALPN_H2_AND_HTTP1, (c, presents) -> {
            if (!c.certificateRequested() || presents) {
                String lead = c.certificateRequested() ? "TLS with client certificate: " : "TLS: ";
                return CompletableFuture.completedFuture(TlsVerdicts.ok(Observed.TLS, lead, c.info()));
            }
            return RequirementCheck.confirm(scope, c).thenApply(r -> r.required()
                    ? TlsVerdicts.demanded(request, c.info(), r.evidence())
                    : TlsVerdicts.ok(Observed.TLS, "TLS (client certificate requested, not required: " + r.evidence() + "): ",
                    c.info()));
        });
    }
}
