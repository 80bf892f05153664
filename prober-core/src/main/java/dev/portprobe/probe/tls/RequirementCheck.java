package dev.portprobe.probe.tls;

import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.net.Handshake;
import dev.portprobe.probe.HttpGet;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProbeTls;
import dev.portprobe.probe.net.Reply;

import dev.portprobe.probe.net.TlsFailure;
import dev.portprobe.probe.wire.HttpHead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * After a handshake in which the server asked for a client certificate and got none: did it *require* one? The
 * request is certain (the key manager saw it); the requirement shows later, and differently per server:
 * <ul>
 *   <li>TLS 1.3: the handshake completes, then alert 116 {@code certificate_required} (or a close) arrives;</li>
 *   <li>nginx {@code ssl_verify_client on}: the handshake completes and HTTP answers 400 "No required SSL
 *       certificate was sent".</li>
 * </ul>
 * So: listen briefly for an alert or a close; if the connection stays quiet and did not negotiate h2, send a GET and
 * read the answer. (TLS 1.2 servers fail the handshake itself; that case never gets here.)
 */
public final class RequirementCheck {
    private static final long LISTEN_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long HTTP_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private RequirementCheck() {
    }

    /** Whether a client certificate is required, and what showed it. */
    public record Requirement(boolean required, String evidence) {
    }

    public static CompletableFuture<Requirement> confirm(ProbeScope scope, Handshake.Completed c) {
        scope.phase("client certificate check");
        long listen = Math.min(LISTEN_MAX_NANOS, scope.remainingNanos() / 4);
        Exchange wait = new Exchange(scope, null, listen, 512, b -> b.length > 0);
        return wait.runOn(c.channel()).thenCompose(r -> {
            if (r.end() != Reply.End.QUIET || !r.empty()) {
                return CompletableFuture.completedFuture(afterHandshake(r));
            }
            if ("h2".equals(c.ssl().applicationProtocol())) {
                return CompletableFuture.completedFuture(new Requirement(false,
                        "no refusal within " + TimeUnit.NANOSECONDS.toMillis(listen) + " ms"));
            }
            long window = Math.min(HTTP_MAX_NANOS, scope.remainingNanos() / 2);
            Exchange get = HttpGet.get(scope, ProbeTls.serverName(scope.request()), window);
            return get.runOn(c.channel()).thenApply(RequirementCheck::fromHttp);
        });
    }

    /** With a client certificate presented: did the server reject it right after the handshake? Null if not. */
    public static CompletableFuture<TlsFailure> rejection(ProbeScope scope, Handshake.Completed c) {
        scope.phase("client certificate check");
        long listen = Math.min(LISTEN_MAX_NANOS, scope.remainingNanos() / 4);
        Exchange wait = new Exchange(scope, null, listen, 512, b -> b.length > 0);
        return wait.runOn(c.channel()).thenApply(r -> {
            if (r.end() == Reply.End.FAILED && r.cause() != null) {
                return TlsFailure.of(r.cause());
            }
            if (r.empty() && (r.end() == Reply.End.CLOSED || r.end() == Reply.End.RESET)) {
                return new TlsFailure(TlsFailure.Kind.OTHER, "the server closed the connection right after the handshake", null);
            }
            return null;
        });
    }

    /** What the first moments after the handshake showed. */
    private static Requirement afterHandshake(Reply r) {
        if (r.end() == Reply.End.FAILED && r.cause() != null) {
            return new Requirement(true, TlsFailure.of(r.cause()).reason() + " after the handshake");
        }
        if (r.empty()) {
            return new Requirement(true, "the server closed the connection right after the handshake");
        }
        return new Requirement(false, "the server sent data without one");
    }

    /** What an HTTP exchange over a connection without a client certificate showed. */
    public static Requirement fromHttp(Reply r) {
        if (r.empty() && r.end() != Reply.End.QUIET && r.end() != Reply.End.COMPLETE) {
            return afterHandshake(r);
        }
        if (HttpHead.parse(r.bytes()) instanceof HttpHead.Head h) {
            HttpHead head = h.head();
            if (head.code() == 400 && HttpGet.mentionsCertificate(head, r.bytes())) {
                return new Requirement(true, "HTTP answered \"" + head.statusLine() + "\" about the missing certificate");
            }
            return new Requirement(false, "HTTP answered \"" + head.statusLine() + "\" without one");
        }
        return new Requirement(false, r.empty() ? "no refusal" : "the server answered without one");
    }
}
