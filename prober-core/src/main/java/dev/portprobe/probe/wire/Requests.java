package dev.portprobe.probe.wire;

import java.nio.charset.StandardCharsets;

/** The HTTP/1.1 GET portprobe sends (the http probe, the identifier's GET step and the mTLS requirement check). */
public final class Requests {
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

    /** The Host header value for {@code host}:{@code port}, with IPv6 literals in brackets. */
    public static String hostHeader(String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == 80 || port == 443 ? h : h + ":" + port;
    }
}
