package dev.portprobe.probe;

import dev.portprobe.InputException;
import dev.portprobe.probe.tls.TlsContexts;
import dev.portprobe.probe.tls.TlsFacts;
import dev.portprobe.probe.wire.Requests;
import dev.portprobe.probe.wire.Sniff;
import dev.portprobe.report.Status;
import dev.portprobe.report.TlsInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One run of the {@link ProtocolIdentifier}: the steps in order, and what each saw. */
final class Identify {
    private static final long BANNER_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MARGIN_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int CAP = 512;
    private static final int STEPS_AFTER_BANNER = 4;

    private final ProbeScope scope;
    private final ProbeRequest request;
    private final long margin;
    private final CompletableFuture<Identification> result = new CompletableFuture<>();
    private final List<String> quiet = new ArrayList<>();
    private byte[] unknown;
    private String unknownStep;
    private int closedSteps;
    private int resetSteps;
    private boolean bannerEnded;
    private boolean sawTls;

    Identify(ProbeScope scope) {
        this.scope = scope;
        this.request = scope.request();
        this.margin = Math.min(MARGIN_MAX_NANOS, scope.remainingNanos() / 10);
    }

    CompletableFuture<Identification> run() {
        long window = Math.min(BANNER_MAX_NANOS, scope.remainingNanos() / 8);
        scope.phase("identify: banner");
        plain("banner", null, window, budget(STEPS_AFTER_BANNER + 1), this::tls);
        return result;
    }

    /** Each remaining step's share of what is left. */
    private long budget(int stepsLeft) {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), (scope.remainingNanos() - margin) / stepsLeft);
    }

    private void plain(String step, byte[] send, long window, long connect, Runnable next) {
        if (scope.isClosed()) {
            finish();
            return;
        }
        Exchange exchange = new Exchange(scope, send, window, CAP, b -> Sniff.of(b) != Sniff.NEED_MORE);
        Dial.run(scope, connect, exchange).thenAccept(dialed -> {
            dialed.channel().close();
            if (!dialed.connected()) {
                notConnected(dialed.connectFailure());
                return;
            }
            Reply reply = dialed.reply();
            if (!reply.empty()) {
                if (found(step, reply.bytes(), send == null)) {
                    return;
                }
            } else if (reply.end() == Reply.End.RESET && send == null) {
                result.complete(new Identification(null, true, "the connection was reset before any reply", null));
                return;
            } else {
                noReply(step, reply.end());
                bannerEnded |= send == null && reply.ended();
            }
            next.run();
        });
    }

    /** True when the bytes settle the question (and the result is complete). */
    private boolean found(String step, byte[] bytes, boolean banner) {
        Replies.Finding f = Replies.name(bytes);
        if (f != null && f.observed().equals(Observed.TLS)) {
            sawTls = true;
            return false; // the TLS step tells tls from mtls
        }
        if (f != null) {
            done(f.observed(), f.detail() + " (" + step + ")", null);
            return true;
        }
        if (unknown == null) {
            unknown = bytes;
            unknownStep = step;
        }
        if (banner) {
            finish();
            return true;
        }
        return false;
    }

    private void noReply(String step, Reply.End end) {
        if (end == Reply.End.QUIET) {
            quiet.add(step);
        } else if (end == Reply.End.RESET) {
            resetSteps++;
        } else {
            closedSteps++;
        }
    }

    private void tls() {
        if (scope.isClosed()) {
            finish();
            return;
        }
        scope.phase("identify: TLS ClientHello");
        io.netty.handler.ssl.SslContext ctx;
        try {
            ctx = ProbeTls.contexts(scope).unverified(TlsContexts.ALPN_H2_AND_HTTP1);
        } catch (InputException e) {
            quiet.add("TLS skipped (" + e.getMessage() + ")");
            h2();
            return;
        }
        long budget = budget(2); // half of what is left: the first handshake of a cold JVM is slow
        TlsConnector.open(scope, ctx, false, budget, budget).thenAccept(h -> {
            if (h instanceof Handshake.Completed c) {
                c.channel().close();
                String what = c.certificateRequested() ? "the server asked for a client certificate; " : "";
                done(c.certificateRequested() ? Observed.MTLS : Observed.TLS, what + TlsFacts.describe(c.info()), c.info());
            } else if (h instanceof Handshake.Failed f) {
                f.channel().close();
                tlsFailed(f);
            } else if (h instanceof Handshake.NotConnected n) {
                notConnected(n.cause());
            }
        });
    }

    private void tlsFailed(Handshake.Failed f) {
        if (f.spokeTls()) {
            boolean requested = f.watch().certificateRequested();
            TlsInfo seen = f.watch().seenAtRequest();
            String what = requested ? "the server asked for a client certificate, then failed the handshake without one"
                    : f.quiet() ? "TLS answered, but the handshake did not finish in time"
                    : "TLS answered, but the handshake failed: " + f.failure().reason();
            done(requested ? Observed.MTLS : Observed.TLS, what + (seen == null ? "" : TlsFacts.certificate(seen)), seen);
            return;
        }
        byte[] bytes = f.watch().firstBytes();
        if (bytes.length > 0) {
            if (found("TLS ClientHello", bytes, false)) {
                return;
            }
        } else {
            noReply("TLS ClientHello", f.quiet() ? Reply.End.QUIET : f.watch().reset() ? Reply.End.RESET : Reply.End.CLOSED);
        }
        h2();
    }

    private void h2() {
        scope.phase("identify: HTTP/2 preface");
        long budget = budget(3);
        plain("HTTP/2 preface", Requests.h2Preface(), budget, budget, this::http);
    }

    private void http() {
        scope.phase("identify: HTTP/1.1 request");
        byte[] get = Requests.httpGet("/", Requests.hostHeader(request.host(), request.port()));
        long budget = budget(2);
        plain("HTTP/1.1 GET", get, budget, budget, this::resp);
    }

    private void resp() {
        scope.phase("identify: RESP PING");
        long budget = budget(1);
        plain("RESP PING", Requests.respPing(), budget, budget, this::finish);
    }

    private void notConnected(Throwable cause) {
        ProbeOutcome o = Connects.failure(request, cause);
        if (closedSteps + resetSteps + quiet.size() > 0 || unknown != null) {
            finish(); // it answered before: report what was seen
            return;
        }
        result.complete(new Identification(null, o.status() == Status.REFUSED, o.detail(), null));
    }

    /**
     * Nothing named a protocol. A server that ended a connection on its own (the banner wait) or ended every one
     * is not silent: it closes (or resets) without a reply, whatever some steps saw while it was slow to do so.
     */
    private void finish() {
        boolean ends = bannerEnded || quiet.isEmpty();
        if (sawTls) {
            done(Observed.TLS, "answered with TLS records, but no TLS handshake completed in time", null);
        } else if (unknown != null) {
            done(Observed.UNKNOWN, "first bytes " + Replies.quote(unknown) + " (" + unknownStep + ")", null);
        } else if (ends && resetSteps > 0 && closedSteps == 0) {
            result.complete(new Identification(null, true, "every connection was reset before any reply", null));
        } else if (ends) {
            done(Observed.UNKNOWN, Hints.CLOSED_WITHOUT_REPLY + " (banner wait, TLS ClientHello, HTTP/2 preface, "
                    + "HTTP/1.1 GET, RESP PING)", null);
        } else {
            done(Observed.SILENT, "connected, but nothing answered: no reply to " + String.join(", ", quiet)
                    + (closedSteps + resetSteps > 0 ? "; " + (closedSteps + resetSteps) + " step(s) ended without a reply" : ""), null);
        }
    }

    private void done(String observed, String detail, TlsInfo tls) {
        scope.observedSoFar(observed);
        result.complete(new Identification(observed, false, detail, tls));
    }
}
