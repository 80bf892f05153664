package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

/**
 * A protocol folder's identification step (see {@link ProtocolSupport#identifySteps()}): the request the identifier
 * sends on a connection of its own, how long to read the reply, and where the step stands in DESIGN's order.
 *
 * <p>Two kinds. A step that reads {@linkplain #anyProtocol() any protocol} (the HTTP/2 preface, the HTTP/1.1 GET, the
 * RESP PING) has its reply named by the one byte classifier, whatever protocol it shows, and takes part in the
 * identifier's precedence and summary. A step that reads only its own protocol (the DNS query) counts only when
 * {@link #recognise} names its reply; any other reply, or none, is left to the other steps.
 */
public interface ProtocolStep {
    /** The reply bytes kept by default. */
    int DEFAULT_CAP = 512;

    /** How details name the step: "HTTP/1.1 GET". */
    String label();

    /**
     * Where the step's own protocol stands in DESIGN's order; a lower rank wins. The identifier's own steps hold 0
     * (the banner) and 1 (the TLS ClientHello); the folders' steps rank from 2 (the HTTP/2 preface), each unique.
     */
    int rank();

    /** The protocol a reply to this step names when it is the step's own (h2 for the preface, dns for the query). */
    Observed observed();

    /** A fresh request (a query with its own id, say). */
    byte[] request(ProbeRequest request);

    /** True when {@code bytes} are a whole reply, or clearly not one: reading stops. */
    boolean complete(byte[] bytes);

    /** The most reply bytes kept. */
    default int cap() {
        return DEFAULT_CAP;
    }

    /**
     * The step's reply window is the identifier's usable time divided by this: 4 for a request that some servers of
     * another protocol hold in silence while a server of its own answers at once (the HTTP/2 preface).
     */
    default int windowDivisor() {
        return 1;
    }

    /** True when the one byte classifier names this step's reply, whatever it is; false when only {@link #recognise} counts. */
    default boolean anyProtocol() {
        return true;
    }

    /** For a step that reads only its own protocol: the detail when {@code reply} answers {@code sent} in it, else null. */
    default String recognise(byte[] sent, byte[] reply) {
        return null;
    }
}
