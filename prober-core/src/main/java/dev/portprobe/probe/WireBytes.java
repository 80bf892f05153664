package dev.portprobe.probe;

import java.nio.charset.StandardCharsets;

/** What the first bytes a server sent look like: HTTP/1.x, a RESP reply, a TLS record or an HTTP/2 frame. */
public final class WireBytes {
    private static final byte TLS_ALERT = 0x15;
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final byte H2_SETTINGS = 0x04;
    private static final int H2_FRAME_HEADER = 9;

    private WireBytes() {
    }

    /** An HTTP/1.x status line: {@code HTTP/} (hex 485454502f). */
    public static boolean isHttp1(byte[] b) {
        return startsWith(b, "HTTP/");
    }

    /** A RESP simple string or error: {@code +} or {@code -} and an upper-case word ({@code -ERR }, {@code -NOAUTH}). */
    public static boolean isResp(byte[] b) {
        if (b.length < 2 || (b[0] != '-' && b[0] != '+')) {
            return false;
        }
        int n = Math.min(b.length, 5);
        for (int i = 1; i < n; i++) {
            boolean upper = b[i] >= 'A' && b[i] <= 'Z';
            if (!upper && b[i] != ' ' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A TLS record (handshake or alert) of any TLS version. */
    public static boolean isTlsRecord(byte[] b) {
        return b.length >= 2 && (b[0] == TLS_HANDSHAKE || b[0] == TLS_ALERT) && b[1] == 0x03;
    }

    /** A server's HTTP/2 connection preface: a SETTINGS frame on stream 0. */
    public static boolean isHttp2Settings(byte[] b) {
        if (b.length < H2_FRAME_HEADER || b[3] != H2_SETTINGS) {
            return false;
        }
        return (b[5] & 0x7f) == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0;
    }

    private static boolean startsWith(byte[] b, String ascii) {
        byte[] prefix = ascii.getBytes(StandardCharsets.US_ASCII);
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
