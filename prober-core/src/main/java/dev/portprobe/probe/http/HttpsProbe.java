package dev.portprobe.probe.http;

import dev.portprobe.probe.HttpGet;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProbeTls;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.tls.RequirementCheck;
import dev.portprobe.probe.tls.TlsHandshake;
import dev.portprobe.probe.tls.TlsVerdicts;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.probe.net.TlsFacts;
import dev.portprobe.probe.wire.ExpectStatus;
import dev.portprobe.probe.wire.HttpHead;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;
import java.util.concurrent.CompletableFuture;

/**
 * HTTPS: the TLS handshake (as {@link TlsProbe}, offering only http/1.1), then the {@link HttpProbe}'s exchange
 * over it. The detail carries both the status line and the TLS facts.
 *
 * <p>When the server asked for a client certificate we do not have, the HTTP answer tells whether it insists: an
 * alert or a close instead of an answer, or nginx's 400 "No required SSL certificate was sent", make the port
 * {@code mtls} (WRONG_PROTOCOL).
 */
final class HttpsProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        ExpectStatus expect;
        try {
            expect = ExpectStatus.parse(request.spec().http().acceptedStatus());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeOutcome.of(Status.ERROR, null, "profile: " + e.getMessage()));
        }
        return TlsHandshake.run(scope, request, "https", TlsContexts.ALPN_HTTP1, (c, presents) -> {
            scope.phase("exchange");
            boolean unasked = c.certificateRequested() && !presents;
            return HttpGet.get(scope, ProbeTls.serverName(request)).runOn(c.channel())
                    .thenApply(reply -> evaluate(request, c.info(), reply, expect, unasked));
        });
    }

    private static ProbeOutcome evaluate(ProbeRequest request, TlsInfo info, Reply reply, ExpectStatus expect,
                                         boolean certificateRequestedNotSent) {
        if (certificateRequestedNotSent) {
            RequirementCheck.Requirement r = RequirementCheck.fromHttp(reply);
            if (r.required()) {
                return TlsVerdicts.demanded(request, info, r.evidence());
            }
        }
        String tls = " over " + TlsFacts.describe(info) + TlsVerdicts.warning(info);
        if (HttpHead.parse(reply.bytes()) instanceof HttpHead.Head h) {
            ProbeOutcome http = HttpProbe.verdict(request, h.head(), reply, expect);
            return http.withDetail(http.detail() + tls).withTls(info);
        }
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.TLS,
                Replies.unexpected(reply, "HTTP/1.x") + " (inside TLS)" + tls).withTls(info);
    }
}
