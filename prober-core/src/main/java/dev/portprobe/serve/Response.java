package dev.portprobe.serve;

import io.netty.handler.codec.http.HttpResponseStatus;

/** An HTTP answer: status, content type and body. */
record Response(HttpResponseStatus status, String contentType, String body) {
    static final String TEXT = "text/plain; charset=utf-8";

    /** A plain-text answer of one line. */
    static Response line(HttpResponseStatus status, String line) {
        return new Response(status, TEXT, line + "\n");
    }
}
