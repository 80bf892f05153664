package dev.portprobe.probe;

import java.util.concurrent.CompletableFuture;

/**
 * Finds out what answers on a port, each step on a fresh connection and inside the scope's deadline:
 * a server banner, a TLS ClientHello, the HTTP/2 preface, an HTTP/1.1 request, a RESP PING.
 *
 * <ul>
 *   <li>banner: connect and wait briefly (at most 250 ms) for the server to speak first. A RESP line is redis; other
 *       bytes (SSH, SMTP...) are {@code unknown} with the bytes escaped; a reset here means nothing serves the port
 *       ({@code refused}).</li>
 *   <li>TLS: a ClientHello offering h2 and http/1.1. A completed handshake, or TLS records before a failure, is
 *       {@code tls}, or {@code mtls} when the server sent a CertificateRequest.</li>
 *   <li>HTTP/2 preface: a SETTINGS (or GOAWAY) frame back is {@code h2}; gRPC cannot be told from h2 here.</li>
 *   <li>HTTP/1.1 GET: a status line is {@code http}. RESP PING: a RESP line is {@code redis}.</li>
 * </ul>
 * Every step names what any reply shows (an HTTP server answering the preface with a 400 is {@code http}), so the
 * run stops at the first reply that names a protocol. Nothing named: {@code unknown} with the first bytes that came
 * back; no bytes and some step waited in vain: {@code silent}; every step closed at once: {@code unknown}, "closed
 * the connection without a reply". Each step gets an equal share of what is left of the deadline, less a margin so
 * the run reports by itself.
 */
public final class ProtocolIdentifier {

    public CompletableFuture<Identification> identify(ProbeScope scope) {
        return new Identify(scope).run();
    }
}
