package dev.portprobe.probe.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head of an HTTP/1.x response: status line and headers, parsed from the first bytes of a reply.
 *
 * @param version         "HTTP/1.1" or "HTTP/1.0"
 * @param code            the status code
 * @param reason          the reason phrase, possibly empty
 * @param headersComplete true when the blank line that ends the headers has arrived
 * @param headers         header names in lower case; the last value wins
 * @param bodyOffset      index of the first body byte when the headers are complete, else -1
 */
public record HttpHead(String version, int code, String reason, boolean headersComplete,
                       Map<String, String> headers, int bodyOffset) {
    /** The longest status line we wait for. */
    private static final int MAX_STATUS_LINE = 4096;
    private static final Pattern STATUS_LINE = Pattern.compile("(HTTP/1\\.[0-9]) ([1-5][0-9]{2})(?: ([^\\r\\n]*))?");

    public HttpHead {
        headers = Map.copyOf(headers);
    }

    /** "HTTP/1.1 200 OK". */
    public String statusLine() {
        return reason.isEmpty() ? version + " " + code : version + " " + code + " " + reason;
    }

    /** The result of parsing the first bytes of a reply. */
    public sealed interface Parse permits NeedMore, NotHttp, Head {
    }

    /** Too few bytes to tell. */
    public record NeedMore() implements Parse {
    }

    /** The bytes are not an HTTP/1.x status line. */
    public record NotHttp() implements Parse {
    }

    /** A valid status line, with as many headers as have arrived. */
    public record Head(HttpHead head) implements Parse {
    }

    public static Parse parse(byte[] bytes) {
        int lineEnd = indexOf(bytes, 0, (byte) '\n');
        if (lineEnd < 0) {
            return startsAsHttp(bytes) && bytes.length < MAX_STATUS_LINE ? new NeedMore() : new NotHttp();
        }
        int textEnd = lineEnd > 0 && bytes[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        String line = new String(bytes, 0, textEnd, StandardCharsets.ISO_8859_1);
        Matcher m = STATUS_LINE.matcher(line);
        if (!m.matches()) {
            return new NotHttp();
        }
        int end = headersEnd(bytes, lineEnd + 1);
        Map<String, String> headers = headers(bytes, lineEnd + 1, end < 0 ? bytes.length : end);
        String reason = m.group(3) == null ? "" : m.group(3).strip();
        return new Head(new HttpHead(m.group(1), Integer.parseInt(m.group(2)), reason, end >= 0, headers, end));
    }

    /** The body bytes that arrived after the headers, as text (for short error pages). */
    public String bodyText(byte[] bytes) {
        if (bodyOffset < 0 || bodyOffset >= bytes.length) {
            return "";
        }
        return new String(bytes, bodyOffset, bytes.length - bodyOffset, StandardCharsets.ISO_8859_1);
    }

    /** Content-Length, or -1 when absent or unreadable. */
    public long contentLength() {
        String v = headers.get("content-length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean startsAsHttp(byte[] bytes) {
        byte[] want = "HTTP/1.".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(want.length, bytes.length); i++) {
            if (bytes[i] != want[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index just past the blank line ending the headers that start at {@code from}, or -1. */
    private static int headersEnd(byte[] b, int from) {
        int lineStart = from;
        while (lineStart < b.length) {
            int nl = indexOf(b, lineStart, (byte) '\n');
            if (nl < 0) {
                return -1;
            }
            int len = nl - lineStart;
            if (len == 0 || len == 1 && b[lineStart] == '\r') {
                return nl + 1;
            }
            lineStart = nl + 1;
        }
        return -1;
    }

    private static Map<String, String> headers(byte[] b, int from, int to) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, int from, byte wanted) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
