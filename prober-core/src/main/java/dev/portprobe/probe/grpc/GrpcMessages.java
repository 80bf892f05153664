package dev.portprobe.probe.grpc;

import io.grpc.Status;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only place that reads grpc-java's status descriptions. These texts are implementation details of
 * grpc-java 1.85; {@code GrpcMessagesTest} pins each one against a real peer, so an upgrade that changes them
 * fails a test instead of silently changing verdicts. Everything else is decided from status codes, metadata,
 * exception classes and the bytes on the wire.
 */
final class GrpcMessages {
    /** "First received frame was not SETTINGS. Hex dump for first 5 bytes: 485454502f". */
    private static final Pattern HEX_DUMP = Pattern.compile("Hex dump for first \\d+ bytes: ([0-9a-fA-F]+)");

    private GrpcMessages() {
    }

    /**
     * The bytes grpc-java quotes when the first frame was not SETTINGS, or an empty array. The probe normally
     * sees these bytes on the wire itself; this is the fallback when it did not.
     */
    static byte[] firstBytesQuoted(Status status) {
        StringBuilder text = new StringBuilder(String.valueOf(status.getDescription()));
        for (Throwable c = status.getCause(); c != null && c.getCause() != c; c = c.getCause()) {
            text.append('\n').append(c.getMessage()); // the Http2Exception carries the hex dump
        }
        Matcher m = HEX_DUMP.matcher(text);
        if (!m.find() || m.group(1).length() % 2 != 0) {
            return new byte[0];
        }
        return HexFormat.of().parseHex(m.group(1));
    }

    /** The server sent an HTTP/2 GOAWAY that ended the call ("Connection closed after GOAWAY", "Abrupt GOAWAY"). */
    static boolean goAway(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE && String.valueOf(status.getDescription()).contains("GOAWAY");
    }

    /** TLS completed but the server did not agree to h2 ("Failed ALPN negotiation"). */
    static boolean alpnRefused(Status status) {
        return String.valueOf(status.getDescription()).toLowerCase(Locale.ROOT).contains("alpn");
    }
}
