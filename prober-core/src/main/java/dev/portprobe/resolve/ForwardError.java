package dev.portprobe.resolve;

import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import java.util.Locale;

/**
 * A failure a port-forward reported for one connection: the kubelet's text on the error channel (the port refused
 * inside the pod), or the websocket upgrade refused by the API server (401/403, a pod that is gone).
 */
record ForwardError(Kind kind, String text) {
    private static final String KUBELET_PREFIX = "Received an error from the remote socket";
    private static final int MAX_TEXT = 240;

    /** In order of weight: when a forward has several new errors, the heaviest explains the result. */
    enum Kind { DENIED, REFUSED, TIMEOUT, GONE, OTHER, TRANSPORT }

    static ForwardError of(Throwable t) {
        int code = ApiFailure.statusCode(t);
        if (code == 401 || code == 403) {
            return new ForwardError(Kind.DENIED, code == 401 ? "401 Unauthorized" : "403 Forbidden");
        }
        if (code == 404) {
            return new ForwardError(Kind.GONE, "404 Not Found");
        }
        String message = String.valueOf(t.getMessage());
        int at = message.indexOf(KUBELET_PREFIX);
        if (at < 0) {
            return new ForwardError(Kind.TRANSPORT, shorten(code > 0 ? code + " " + message : message));
        }
        String kubelet = message.substring(at + KUBELET_PREFIX.length()).strip();
        String lower = kubelet.toLowerCase(Locale.ROOT);
        Kind kind = lower.contains("refused") ? Kind.REFUSED
                : lower.contains("timeout") || lower.contains("timed out") ? Kind.TIMEOUT : Kind.OTHER;
        return new ForwardError(kind, "kubelet: " + cause(kubelet));
    }

    /**
     * The part of the kubelet's text that says what happened. Go wraps errors outside-in, so the cause is at the
     * end: from the first "dial" when there is one ("dial tcp4 127.0.0.1:8083: connect: connection refused"),
     * else the tail.
     */
    static String cause(String kubelet) {
        String one = kubelet.replaceAll("\\s+", " ").strip();
        int dial = one.indexOf("dial tcp");
        String tail = dial >= 0 ? one.substring(dial) : one;
        return tail.length() > MAX_TEXT ? "..." + tail.substring(tail.length() - MAX_TEXT) : tail;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "..." : one;
    }

    /**
     * True when this error explains {@code o}: the pod sent no byte on any of the probe's connections, and either
     * the probe saw a failure, or it saw only the local socket open (a TCP check) and the error is about the pod's
     * side of the forward. What the probe thinks it observed does not count here: through a forward, a refused
     * port looks like a socket that accepts and then closes without a reply, which the identifier may call
     * "unknown".
     *
     * @param podSpoke the pod sent bytes on a connection of this probe ({@link Forward#podAnsweredSince})
     */
    boolean explains(ProbeOutcome o, boolean podSpoke) {
        if (podSpoke) {
            return false;
        }
        return !o.status().ok() || kind != Kind.TRANSPORT;
    }

    /** The probe's outcome as it really was behind the forward. */
    ProbeOutcome apply(ProbeOutcome o, String namespace, String pod, int port) {
        String where = "port " + port + " of pod " + pod;
        ProbeOutcome out = switch (kind) {
            case REFUSED -> ProbeOutcome.of(Status.REFUSED, null, "port-forward: " + where + " refused the connection ("
                    + text + ")").withHint("nothing listens on " + port + " inside pod " + pod
                    + ": is the container up and is the table's port right? kubectl -n " + namespace + " logs " + pod);
            case TIMEOUT -> ProbeOutcome.of(Status.TIMEOUT, null, "port-forward: the kubelet could not connect to "
                    + where + " in time (" + text + ")").withHint("kubectl -n " + namespace + " describe pod " + pod);
            case DENIED -> ProbeOutcome.of(Status.ERROR, null, "port-forward to " + where + " was denied (" + text + ")")
                    .withHint("the credentials may not create pods/portforward in " + namespace
                            + ": kubectl auth can-i create pods/portforward -n " + namespace);
            case GONE -> ProbeOutcome.of(Status.ERROR, null, "port-forward: pod " + pod + " is gone (" + text + ")")
                    .withHint("the pod was replaced during the run; run again, or use --wait");
            case OTHER, TRANSPORT -> ProbeOutcome.of(Status.ERROR, null, "port-forward to " + where + " failed: " + text)
                    .withHint("kubectl -n " + namespace + " port-forward pod/" + pod + " " + port + " shows the same path");
        };
        return out.withLatency(o.latencyNanos());
    }
}
