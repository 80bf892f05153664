package dev.portprobe.resolve;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** What went wrong with one API request, read from fabric8's exception and its causes. */
record ApiFailure(Kind kind, int code, String detail) {

    enum Kind {
        UNAUTHORIZED, DENIED, NOT_FOUND, THROTTLED, SERVER, REFUSED, TIMEOUT, RESET, DNS, TLS, OTHER;

        /** Worth another attempt: the server or the network may recover within the budget. */
        boolean retryable() {
            return this == THROTTLED || this == SERVER || this == REFUSED || this == TIMEOUT || this == RESET;
        }
    }

    static ApiFailure of(Throwable error) {
        int code = statusCode(error);
        String serverMessage = serverMessage(error);
        if (code == 401) {
            return new ApiFailure(Kind.UNAUTHORIZED, code, serverMessage);
        }
        if (code == 403) {
            return new ApiFailure(Kind.DENIED, code, serverMessage);
        }
        if (code == 404) {
            return new ApiFailure(Kind.NOT_FOUND, code, serverMessage);
        }
        if (code == 429) {
            return new ApiFailure(Kind.THROTTLED, code, serverMessage);
        }
        if (code >= 500 && code != 501) {
            return new ApiFailure(Kind.SERVER, code, serverMessage);
        }
        if (code > 0) {
            return new ApiFailure(Kind.OTHER, code, serverMessage);
        }
        return network(error);
    }

    private static ApiFailure network(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new ApiFailure(Kind.DNS, 0, t.getMessage());
            }
            if (t instanceof SSLException) {
                return new ApiFailure(Kind.TLS, 0, t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new ApiFailure(Kind.REFUSED, 0, t.getMessage());
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                    || t instanceof InterruptedIOException && "timeout".equals(t.getMessage())) {
                return new ApiFailure(Kind.TIMEOUT, 0, t.getMessage());
            }
            if (t instanceof SocketException && lower(t).contains("reset")) {
                return new ApiFailure(Kind.RESET, 0, t.getMessage());
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (lower(root).contains("unexpected end of stream") || lower(root).contains("connection reset")) {
            return new ApiFailure(Kind.RESET, 0, text);
        }
        return new ApiFailure(Kind.OTHER, 0, text);
    }

    /** The HTTP status of the failed request, or 0 when no response came. */
    static int statusCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
            if (t instanceof WebSocketHandshakeException w && w.getResponse() != null) {
                return w.getResponse().code();
            }
        }
        return 0;
    }

    private static String serverMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
                return k.getStatus().getMessage();
            }
        }
        return null;
    }

    private static String lower(Throwable t) {
        return String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
    }

    /** "403 Forbidden", "503", for messages. */
    String status() {
        return statusText(code);
    }

    /** An HTTP status with its reason phrase when it is one the API server sends: "500 Internal Server Error". */
    static String statusText(int code) {
        return switch (code) {
            case 401 -> "401 Unauthorized";
            case 403 -> "403 Forbidden";
            case 404 -> "404 Not Found";
            case 429 -> "429 Too Many Requests";
            case 500 -> "500 Internal Server Error";
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Unavailable";
            case 504 -> "504 Gateway Timeout";
            default -> String.valueOf(code);
        };
    }
}
