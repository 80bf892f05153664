package dev.portprobe.probe.wire;

import java.nio.charset.StandardCharsets;

/**
 * What the first bytes of a reply look like: the one byte classifier (the identifier, the probes' mismatch path and
 * the gRPC verdicts all ask it). {@link #of} while a reply is still coming, {@link #ofFinal} once it has ended,
 * {@link #ofCut} for bytes known to be cut short (the first bytes kept of a longer reply, a hex dump in an error).
 */
public enum Sniff {
    /** A TLS record: handshake, alert, change-cipher-spec or application data, version 3.x. */
    TLS,
    /** An HTTP/1.x status line ({@code HTTP/}). */
    HTTP,
    /** An HTTP/2 frame that a server sends first: SETTINGS or GOAWAY on stream 0. */
    H2,
    /** A RESP reply line: {@code +PONG}, {@code -NOAUTH ...}, {@code :1}, {@code $5}, {@code *2}. */
    RESP,
    /** Bytes that match none of the above. */
    UNKNOWN,
    /** Too few bytes to tell yet. */
    NEED_MORE;

    private static final byte[] HTTP_PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);
    private static final int RESP_MAX_LINE = 512;
    private static final int H2_FRAME_HEADER = 9;

    /** Classifies {@code bytes}; NEED_MORE while they are a prefix of something recognisable. */
    public static Sniff of(byte[] bytes) {
        if (bytes.length == 0) {
            return NEED_MORE;
        }
        int first = bytes[0] & 0xff;
        if (first >= 0x14 && first <= 0x17) {
            return tls(bytes);
        }
        if (first == 'H') {
            return http(bytes);
        }
        if ("+-:$*".indexOf(first) >= 0) {
            return resp(bytes);
        }
        if (first == 0) {
            return h2(bytes);
        }
        return UNKNOWN;
    }

    /** Like {@link #of(byte[])}, but once the reply has ended a NEED_MORE becomes UNKNOWN. */
    public static Sniff ofFinal(byte[] bytes) {
        Sniff s = of(bytes);
        return s == NEED_MORE && bytes.length > 0 ? UNKNOWN : s;
    }

    /**
     * Like {@link #ofFinal}, for bytes cut short: a start that only one kind can have counts as that kind without the
     * rest, namely a RESP {@code +}/{@code -} line whose word starts upper-case ({@code -ERR }, {@code +PONG}), and one
     * or two bytes of a TLS record header. A frame header or status line cut short stays UNKNOWN.
     */
    public static Sniff ofCut(byte[] bytes) {
        Sniff s = of(bytes);
        if (s != NEED_MORE || bytes.length == 0) {
            return s;
        }
        int first = bytes[0] & 0xff;
        if (first >= 0x14 && first <= 0x17) {
            return TLS; // of() said NEED_MORE: no second byte yet, or a 0x03 one
        }
        if ((first == '+' || first == '-') && bytes.length >= 2 && bytes[1] >= 'A' && bytes[1] <= 'Z') {
            return RESP;
        }
        return UNKNOWN;
    }

    /** True when {@code bytes} start with a TLS record header. */
    public static boolean looksTls(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) >= 0x14 && (bytes[0] & 0xff) <= 0x17 && bytes[1] == 0x03;
    }

    private static Sniff tls(byte[] b) {
        if (b.length < 3) {
            return b.length < 2 || b[1] == 0x03 ? NEED_MORE : UNKNOWN;
        }
        return b[1] == 0x03 && (b[2] & 0xff) <= 0x04 ? TLS : UNKNOWN;
    }

    private static Sniff http(byte[] b) {
        int n = Math.min(b.length, HTTP_PREFIX.length);
        for (int i = 0; i < n; i++) {
            if (b[i] != HTTP_PREFIX[i]) {
                return UNKNOWN;
            }
        }
        return b.length < HTTP_PREFIX.length ? NEED_MORE : HTTP;
    }

    private static Sniff resp(byte[] b) {
        int limit = Math.min(b.length, RESP_MAX_LINE);
        for (int i = 1; i < limit; i++) {
            int c = b[i] & 0xff;
            if (c == '\r') {
                if (i + 1 >= b.length) {
                    return NEED_MORE;
                }
                return b[i + 1] == '\n' && validRespLine(b, i) ? RESP : UNKNOWN;
            }
            if (c < 0x20 && c != '\t' || c >= 0x7f) {
                return UNKNOWN;
            }
        }
        return b.length >= RESP_MAX_LINE ? UNKNOWN : NEED_MORE;
    }

    private static boolean validRespLine(byte[] b, int end) {
        char type = (char) b[0];
        if (type == '+' || type == '-') {
            return end > 1;
        }
        int start = end > 1 && b[1] == '-' ? 2 : 1;
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static Sniff h2(byte[] b) {
        if (b.length < H2_FRAME_HEADER) {
            return NEED_MORE;
        }
        int length = (b[0] & 0xff) << 16 | (b[1] & 0xff) << 8 | b[2] & 0xff;
        int type = b[3] & 0xff;
        int flags = b[4] & 0xff;
        boolean streamZero = (b[5] & 0x7f) == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0;
        if (!streamZero) {
            return UNKNOWN;
        }
        if (type == 0x4 && length % 6 == 0 && length <= 16384 && (flags & ~0x1) == 0) {
            return H2;
        }
        if (type == 0x7 && length >= 8 && flags == 0) {
            return H2;
        }
        return UNKNOWN;
    }
}
