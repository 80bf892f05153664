package dev.portprobe.probe.http;

import dev.portprobe.probe.Connects;
import dev.portprobe.probe.net.Dial;
import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.HttpGet;
import dev.portprobe.probe.Mismatch;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProbeTls;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.net.TlsConnector;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.InputException;
import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.probe.net.TlsFacts;
import dev.portprobe.probe.wire.ExpectStatus;
import dev.portprobe.probe.wire.HttpHead;
import dev.portprobe.outcome.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.x: sends {@code GET path HTTP/1.1} and reads the status line and headers only, at most 16 KiB, never the
 * body (except the first KiB of a 400, which can say "plain HTTP sent to an HTTPS port" or "no required SSL
 * certificate"). Any valid status line passes; a status outside {@code http.expectStatus} is UNHEALTHY.
 *
 * <p>A plaintext 400 gets a second look: some TLS servers (nginx, Go) answer a plaintext request with 400, so only a
 * TLS handshake on a fresh connection tells a TLS port from an HTTP server that dislikes the request. If the
 * handshake succeeds, the port is {@code tls} (or {@code mtls}).
 */
final class HttpProbe implements Probe {
    private static final long TLS_CHECK_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        ExpectStatus expect;
        try {
            expect = ExpectStatus.parse(request.spec().http().acceptedStatus());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeOutcome.of(Status.ERROR, null, "profile: " + e.getMessage()));
        }
        return Dial.run(scope, 0, HttpGet.get(scope, request.host())).thenCompose(d -> {
            if (!d.connected()) {
                return CompletableFuture.completedFuture(Connects.failure(request, d.connectFailure()));
            }
            return onReply(scope, d.reply(), expect);
        });
    }

    private CompletableFuture<ProbeOutcome> onReply(ProbeScope scope, Reply reply, ExpectStatus expect) {
        if (HttpHead.parse(reply.bytes()) instanceof HttpHead.Head h) {
            scope.observedSoFar(Observed.HTTP);
            ProbeOutcome verdict = verdict(scope.request(), h.head(), reply, expect);
            return h.head().code() == 400 ? tlsCheck(scope, h.head(), verdict) : CompletableFuture.completedFuture(verdict);
        }
        return Mismatch.resolve(scope, Replies.unexpected(reply, "HTTP/1.x"), reply.bytes());
    }

    /** A plaintext 400: does the port complete a TLS handshake? Then it is a TLS port. */
    private CompletableFuture<ProbeOutcome> tlsCheck(ProbeScope scope, HttpHead head, ProbeOutcome verdict) {
        io.netty.handler.ssl.SslContext ctx;
        try {
            ctx = ProbeTls.contexts(scope).unverified(TlsContexts.ALPN_HTTP1);
        } catch (InputException e) {
            return CompletableFuture.completedFuture(verdict);
        }
        scope.phase("TLS check");
        long window = Math.min(TLS_CHECK_MAX_NANOS, scope.remainingNanos() / 2);
        String said = "exchange: a plaintext GET got \"" + head.statusLine() + "\"; ";
        return TlsConnector.open(scope, ctx, false, window, window).thenApply(h -> {
            if (h instanceof Handshake.Completed c) {
                c.channel().close();
                Observed obs = c.certificateRequested() ? Observed.MTLS : Observed.TLS;
                return ProbeOutcome.of(Status.WRONG_PROTOCOL, obs, said + "the port completes a TLS handshake: "
                        + TlsFacts.describe(c.info())).withTls(c.info());
            }
            if (h instanceof Handshake.Failed f && f.spokeTls()) {
                f.channel().close();
                Observed obs = f.watch().certificateRequested() ? Observed.MTLS : Observed.TLS;
                return ProbeOutcome.of(Status.WRONG_PROTOCOL, obs, said + "the port answers TLS ("
                        + f.failure().reason() + ")").withTls(f.watch().seenAtRequest());
            }
            scope.observedSoFar(Observed.HTTP);
            return verdict;
        });
    }

    /** OK or UNHEALTHY for a status line. */
    static ProbeOutcome verdict(ProbeRequest request, HttpHead head, Reply reply, ExpectStatus expect) {
        String path = request.spec().http().path();
        String detail = head.statusLine() + " (GET " + path + ")";
        if (reply.end() == Reply.End.CAPPED && !head.headersComplete()) {
            detail += "; headers exceed " + HttpGet.HEADER_CAP / 1024 + " KiB, stopped reading";
        }
        if (expect.accepts(head.code())) {
            return ProbeOutcome.ok(Observed.HTTP, detail);
        }
        return ProbeOutcome.of(Status.UNHEALTHY, Observed.HTTP, detail + ", expected " + expect);
    }
}
