package dev.portprobe.probe.wire;

import java.nio.charset.StandardCharsets;

/** The bytes portprobe sends: one request per protocol, each small and harmless. */
public final class Requests {
    /** The HTTP/2 client connection preface followed by an empty SETTINGS frame. */
    private static final byte[] H2_PREFACE;
    /** {@code PING} as a RESP array. */
    private static final byte[] RESP_PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    static {
        byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] settings = {0, 0, 0, 0x4, 0, 0, 0, 0, 0};
        H2_PREFACE = new byte[preface.length + settings.length];
        System.arraycopy(preface, 0, H2_PREFACE, 0, preface.length);
        System.arraycopy(settings, 0, H2_PREFACE, preface.length, settings.length);
    }

    private Requests() {
    }

    /**
     * {@code GET path HTTP/1.1} with Host, User-Agent and {@code Connection: close}.
     *
     * @param host the Host header: a name, or HOST:PORT
     */
    public static byte[] httpGet(String path, String host) {
        String p = path == null || path.isBlank() ? "/" : path.strip();
        String safePath = p.replaceAll("[\\r\\n ]", "");
        String safeHost = host.replaceAll("[\\r\\n ]", "");
        String text = "GET " + safePath + " HTTP/1.1\r\n"
                + "Host: " + safeHost + "\r\n"
                + "User-Agent: portprobe\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] h2Preface() {
        return H2_PREFACE.clone();
    }

    public static byte[] respPing() {
        return RESP_PING.clone();
    }

    /** The Host header value for {@code host}:{@code port}, with IPv6 literals in brackets. */
    public static String hostHeader(String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == 80 || port == 443 ? h : h + ":" + port;
    }
}
