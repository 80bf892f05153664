package dev.portprobe.probe;

import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.wire.HttpHead;
import dev.portprobe.probe.wire.Requests;
import java.util.Locale;

/**
 * The HTTP/1.1 {@code GET} that the http and https probes send, and that the TLS probes send to learn whether a
 * server insists on a client certificate: headers only, at most 16 KiB, never the body (except the first KiB of a
 * 400, which can say "plain HTTP sent to an HTTPS port" or "no required SSL certificate").
 */
public final class HttpGet {
    public static final int HEADER_CAP = 16 * 1024;
    private static final int BODY_SNIFF = 1024;

    private HttpGet() {
    }

    /** The exchange of a GET for the check's path: headers only, capped. */
    public static Exchange get(ProbeScope scope, String hostForHeader) {
        return get(scope, hostForHeader, scope.remainingNanos() + Exchange.SLACK_NANOS);
    }

    /** The same, with its own window. */
    public static Exchange get(ProbeScope scope, String hostForHeader, long windowNanos) {
        ProbeRequest request = scope.request();
        byte[] get = Requests.httpGet(request.spec().http().path(), Requests.hostHeader(hostForHeader, request.port()));
        return new Exchange(scope, get, windowNanos, HEADER_CAP, HttpGet::complete);
    }

    /** Headers complete (and, for a 400, the first KiB of the body or all of it), or clearly not HTTP. */
    public static boolean complete(byte[] bytes) {
        HttpHead.Parse p = HttpHead.parse(bytes);
        if (p instanceof HttpHead.NotHttp) {
            return true;
        }
        if (!(p instanceof HttpHead.Head h) || !h.head().headersComplete()) {
            return false;
        }
        HttpHead head = h.head();
        if (head.code() != 400) {
            return true;
        }
        int body = bytes.length - head.bodyOffset();
        long length = head.contentLength();
        if (length >= 0) {
            return body >= Math.min(length, BODY_SNIFF);
        }
        return body > 0 || "chunked".equalsIgnoreCase(head.headers().getOrDefault("transfer-encoding", ""));
    }

    /** True when a 400's head or first body bytes talk about a (client) certificate. */
    public static boolean mentionsCertificate(HttpHead head, byte[] bytes) {
        String text = (head.reason() + " " + head.bodyText(bytes)).toLowerCase(Locale.ROOT);
        return text.contains("certificate");
    }
}
