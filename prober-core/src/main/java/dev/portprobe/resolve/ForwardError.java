package dev.portprobe.resolve;

import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import java.util.Locale;

/**
 * A failure a port-forward reported for one connection, and whose fault it is. The kubelet's text on the error
 * channel is the pod's side (the port refused, or could not be dialed in time); everything else is the API
 * server's side of the forward: the websocket upgrade refused (401/403), answered with another error status,
 * never answered, or the stream broken after it opened. Those never blame the port: their results are ERROR with
 * a detail that names the phase (upgrade or stream) and a hint that points at the API.
 */
record ForwardError(Kind kind, String text) {
    private static final String KUBELET_PREFIX = "Received an error from the remote socket";
    private static final int MAX_TEXT = 240;

    /** In order of weight: when a forward has several new errors, the heaviest explains the result. */
    enum Kind {
        /** The API server refused the upgrade: 401 or 403. */
        DENIED,
        /** The kubelet could not connect to the port inside the pod. */
        REFUSED,
        /** The kubelet's dial of the port timed out. */
        TIMEOUT,
        /** The pod is gone (404 on the upgrade). */
        GONE,
        /** The kubelet reported another error. */
        OTHER,
        /** The API server failed the upgrade: another error status, unreachable, or no answer at all. */
        UPGRADE,
        /** The API server broke the stream after the upgrade. */
        STREAM;

        /** True when the fault is the API server's, not the pod's. */
        boolean api() {
            return this == DENIED || this == UPGRADE || this == STREAM;
        }
    }

    /** Reads an error that fabric8 recorded for a connection whose websocket had ({@code opened}) or had not opened. */
    static ForwardError of(Throwable t, boolean opened) {
        int code = ApiFailure.statusCode(t);
        if (code == 401 || code == 403) {
            return new ForwardError(Kind.DENIED, code == 401 ? "401 Unauthorized" : "403 Forbidden");
        }
        if (code == 404) {
            return new ForwardError(Kind.GONE, "404 Not Found");
        }
        String message = t.getMessage() == null ? "" : t.getMessage();
        int at = message.indexOf(KUBELET_PREFIX);
        if (at >= 0) {
            String kubelet = message.substring(at + KUBELET_PREFIX.length()).strip();
            String lower = kubelet.toLowerCase(Locale.ROOT);
            Kind kind = lower.contains("refused") ? Kind.REFUSED
                    : lower.contains("timeout") || lower.contains("timed out") ? Kind.TIMEOUT : Kind.OTHER;
            return new ForwardError(kind, "kubelet: " + (kubelet.isEmpty() ? "(no text)" : cause(kubelet)));
        }
        if (code > 0) {
            return new ForwardError(Kind.UPGRADE, "the API server answered " + ApiFailure.statusText(code));
        }
        // A websocket reader that hits the end of its input throws a bare EOFException, and it reads only after the
        // upgrade; a connection that ends before the upgrade's answer fails the HTTP exchange instead ("unexpected
        // end of stream"). So an EOFException is the stream's, even when the local side had not yet been read.
        if (!opened && !(t instanceof java.io.EOFException)) {
            String why = describe(t);
            return new ForwardError(Kind.UPGRADE, why.equals("timed out")
                    ? "the API server did not answer the upgrade in time (timed out)"
                    : "cannot reach the API server (" + why + ")");
        }
        return new ForwardError(Kind.STREAM, "the API server closed the port-forward stream (" + describe(t) + ")");
    }

    /** A websocket upgrade that the API server has not answered after {@code millis}. */
    static ForwardError unanswered(long millis) {
        return new ForwardError(Kind.UPGRADE, "the API server did not answer the upgrade within " + millis + " ms");
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

    /**
     * What a transport failure was, in words, never null: the known kinds by name ("connection refused",
     * "connection reset", "the connection ended"), else the first message in the cause chain, else the name of
     * the innermost exception's class.
     */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String known = known(t);
            if (known != null) {
                return known;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            boolean ownText = t.getCause() == null || !t.getCause().toString().equals(t.getMessage());
            if (t.getMessage() != null && !t.getMessage().isBlank() && ownText) {
                return shorten(t.getMessage());
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    private static String known(Throwable t) {
        String lower = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.net.NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof java.net.UnknownHostException) {
            return "the API server's host name does not resolve";
        }
        if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                || t instanceof java.io.InterruptedIOException && lower.contains("timeout")) {
            return "timed out";
        }
        if (t instanceof java.io.EOFException || lower.contains("unexpected end of stream")) {
            return "the connection ended";
        }
        if (t instanceof java.net.SocketException && lower.contains("reset")) {
            return "connection reset";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed" + (lower.isEmpty() ? "" : ": " + shorten(t.getMessage()));
        }
        return null;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "..." : one;
    }

    /**
     * True when this error explains {@code o}. A kubelet error (the pod's side) explains a result only when the pod
     * sent no byte on any of the probe's connections, and either the probe saw a failure, or it saw only the local
     * socket open (a TCP check): through a forward, a refused port looks like a socket that accepts and then
     * closes without a reply, which the identifier may call "unknown". An API error explains every failure, since
     * a stream that broke midway leaves the pod's partial answer meaningless, and a success only when the pod never
     * spoke (the local socket opened, and nothing proves the port did). A result the pod answered in full keeps its
     * verdict.
     *
     * @param podSpoke the pod sent bytes on a connection of this probe ({@link Forward#podAnsweredSince})
     */
    boolean explains(ProbeOutcome o, boolean podSpoke) {
        if (kind.api()) {
            return !o.status().ok() || !podSpoke;
        }
        return !podSpoke;
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
            case DENIED -> ProbeOutcome.of(Status.ERROR, null, "port-forward upgrade to " + where
                    + ": the API server denied it (" + text + "); the port was not reached")
                    .withHint(text.startsWith("401") ? "the API server rejected the credentials: log in again, "
                            + "or choose another --context; kubectl cluster-info"
                            : "RBAC: the credentials may not create pods/portforward in " + namespace
                            + ": kubectl auth can-i create pods/portforward -n " + namespace);
            case GONE -> ProbeOutcome.of(Status.ERROR, null, "port-forward: pod " + pod + " is gone (" + text + ")")
                    .withHint("the pod was replaced during the run; run again, or use --wait");
            case OTHER -> ProbeOutcome.of(Status.ERROR, null, "port-forward to " + where + " failed: " + text)
                    .withHint("kubectl -n " + namespace + " port-forward pod/" + pod + " " + port + " shows the same path");
            case UPGRADE -> ProbeOutcome.of(Status.ERROR, null, "port-forward upgrade to " + where + ": " + text
                    + "; the port was not reached").withHint(API_HINT);
            case STREAM -> ProbeOutcome.of(Status.ERROR, null, "port-forward stream to " + where + ": " + text
                    + "; the port's answer was cut off").withHint(API_HINT);
        };
        return out.withLatency(o.latencyNanos());
    }

    /** The hint of a result the API server spoiled. */
    static final String API_HINT = "the Kubernetes API server failed, not the port: kubectl cluster-info, then run again";
}
