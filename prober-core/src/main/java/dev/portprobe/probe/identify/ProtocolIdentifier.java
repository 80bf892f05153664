package dev.portprobe.probe.identify;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.Identifier;

import java.util.concurrent.CompletableFuture;

/**
 * Finds out what answers on a port: a server banner, a TLS ClientHello, the HTTP/2 preface, an HTTP/1.1 request, a
 * RESP PING, all at once, each on its own connection of the scope and inside its deadline.
 *
 * <ul>
 *   <li>banner: connect and wait briefly (at most 250 ms) for the server to speak first. A RESP line is redis; other
 *       bytes (SSH, SMTP...) are {@code unknown} with the bytes escaped.</li>
 *   <li>TLS: a ClientHello offering h2 and http/1.1. A completed handshake, or TLS records before a failure, is
 *       {@code tls}, or {@code mtls} when the server sent a CertificateRequest.</li>
 *   <li>HTTP/2 preface: a SETTINGS (or GOAWAY) frame back is {@code h2}; gRPC cannot be told from h2 here.</li>
 *   <li>HTTP/1.1 GET: a status line is {@code http}. RESP PING: a RESP line is {@code redis}.</li>
 * </ul>
 * Every step names what any reply shows (an HTTP server answering the preface with a 400 is {@code http}). When steps
 * disagree, DESIGN's order decides: the banner, then tls/mtls, h2, http, redis. The answer comes as soon as it is
 * certain, that is when no step still running could outrank it ({@link Precedence} holds the rules), so a port costs
 * about one round trip, not the banner wait. Nothing named: {@code unknown} with the first bytes that came back; no
 * bytes and some step waited in vain: {@code silent}; every step closed at once: {@code unknown}, "closed the
 * connection without a reply"; every step reset or refused: {@code refused}. A step that could not connect, or was
 * closed at once, while the server held another step's connection is tried again, one at a time (a server that takes
 * one connection at a time); a failed connect is "refused" only when no step connected.
 */
public final class ProtocolIdentifier implements Identifier {

    @Override
    public CompletableFuture<Identification> identify(ProbeScope scope) {
        return new Identify(scope).run();
    }
}
