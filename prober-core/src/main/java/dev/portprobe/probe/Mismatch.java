package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.wire.HttpHead;
import dev.portprobe.outcome.Status;
import java.util.concurrent.CompletableFuture;

/**
 * The one path a probe takes when its own exchange did not show the expected protocol: name what answered, from the
 * bytes the probe already has when they settle it (a RESP line, an HTTP/2 frame, an HTTP status other than 400),
 * else by running the {@link Identifier} with what is left of the deadline. TLS bytes never settle it
 * directly, because only a handshake tells {@code tls} from {@code mtls}.
 */
public final class Mismatch {
    private Mismatch() {
    }

    /**
     * @param what  what the probe saw, naming the phase ("exchange: closed the connection without a reply")
     * @param bytes what the probe received (possibly nothing)
     */
    public static CompletableFuture<ProbeOutcome> resolve(ProbeScope scope, String what, byte[] bytes) {
        return resolve(scope, what, bytes, Status.ERROR);
    }

    /**
     * @param whenSame the status when the identifier finds the expected protocol after all (a slow server that
     *                 answered a second connection: TIMEOUT; a flaky one: ERROR)
     */
    public static CompletableFuture<ProbeOutcome> resolve(ProbeScope scope, String what, byte[] bytes, Status whenSame) {
        ProbeRequest request = scope.request();
        Replies.Finding f = bytes.length == 0 ? null : Replies.name(bytes);
        if (f != null && !f.observed().equals(Observed.TLS) && !f.observed().word().equals(request.expected().id())
                && !plaintext400(bytes)) {
            scope.observedSoFar(f.observed());
            return CompletableFuture.completedFuture(ProbeOutcome.of(Status.WRONG_PROTOCOL, f.observed(),
                    phase(what) + f.detail()));
        }
        if (scope.isClosed()) {
            return CompletableFuture.completedFuture(ProbeOutcome.of(Status.ERROR, null, what));
        }
        scope.phase("identify");
        return scope.identifier().identify(scope).thenApply(id -> fromIdentification(request, id, what, whenSame));
    }

    /** The outcome of a probe whose own exchange failed as {@code what}, given what the identifier found. */
    public static ProbeOutcome fromIdentification(ProbeRequest request, Identification id, String what, Status whenSame) {
        String detail = what + "; identify: " + (id.observed() == null ? "" : id.observed() + ", ") + id.detail();
        if (id.observed() == null) {
            return ProbeOutcome.of(id.refused() ? Status.REFUSED : Status.TIMEOUT, null, detail);
        }
        if (id.observed().equals(Observed.SILENT)) {
            return ProbeOutcome.of(Status.TIMEOUT, Observed.SILENT, detail);
        }
        if (id.observed().word().equals(request.expected().id())) {
            return ProbeOutcome.of(whenSame, id.observed(), detail).withTls(id.tls());
        }
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, id.observed(), detail).withTls(id.tls())
                .withClosedWithoutReply(id.closedWithoutReply());
    }

    /**
     * An HTTP 400 to bytes that were not an HTTP request does not settle it: nginx and Go answer a plaintext request
     * to their TLS ports with 400, so the identifier (TLS first) decides.
     */
    private static boolean plaintext400(byte[] bytes) {
        return HttpHead.parse(bytes) instanceof HttpHead.Head h && h.head().code() == 400;
    }

    private static String phase(String what) {
        int colon = what.indexOf(':');
        return colon > 0 ? what.substring(0, colon + 1) + " " : "";
    }
}
