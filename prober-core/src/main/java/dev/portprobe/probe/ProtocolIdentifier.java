package dev.portprobe.probe;

import java.util.concurrent.CompletableFuture;

/**
 * Finds out what answers on a port, each step on a fresh connection and inside the scope's deadline:
 * a server banner, a TLS ClientHello, the HTTP/2 preface, an HTTP/1.1 request, a RESP PING.
 */
public final class ProtocolIdentifier {

    public CompletableFuture<Identification> identify(ProbeScope scope) {
        return CompletableFuture.completedFuture(new Identification(null, false, "not implemented", null));
    }
}
