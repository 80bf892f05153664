package dev.portprobe.probe.identify;

/**
 * The identifier's steps, in DESIGN's priority order: when two steps name different protocols, the earlier one wins
 * (unless {@link Precedence} shows it cannot). Each runs on its own connection.
 */
enum IdentifyStep {
    /** Connect and listen: does the server speak first? */
    BANNER("banner"),
    /** A ClientHello offering h2 and http/1.1: a ServerHello (or alert) is {@code tls}, or {@code mtls}. */
    TLS("TLS ClientHello"),
    /** The HTTP/2 client preface: a SETTINGS or GOAWAY frame back is {@code h2}. */
    H2("HTTP/2 preface"),
    /** {@code GET /}: a status line is {@code http}. */
    HTTP1("HTTP/1.1 GET"),
    /** {@code PING} in RESP: a RESP line is {@code redis}. */
    RESP("RESP PING");

    private final String label;

    IdentifyStep(String label) {
        this.label = label;
    }

    /** How details name the step: "(HTTP/2 preface)". */
    String label() {
        return label;
    }
}
