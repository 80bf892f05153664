package dev.portprobe.outcome;


/**
 * What a probe found. Network failures are outcomes, never exceptions.
 *
 * @param observed what answered (see {@link Observed}), or null when nothing connected
 * @param detail   one line saying what happened, naming the phase where it failed
 * @param hint     the likely cause and the next step, for every status that is not OK (null lets the engine fill it)
 * @param tls      the TLS facts, when a handshake completed
 * @param latencyNanos time from the start of the check to the verdict (filled in by the engine)
 * @param closedWithoutReply the server accepted every connection and closed it before any byte (hints tell this
 *                           from an unknown protocol that spoke; the detail says it in words)
 * @param phases       the network phases of the check's first connection (filled in by the engine)
 * @param healthServing the protocol's health service answered SERVING for the name asked (gRPC health); false when
 *                      an OK only proves the protocol (a gRPC server without the health service: UNIMPLEMENTED)
 */
public record ProbeOutcome(Status status, Observed observed, String detail, String hint, TlsInfo tls, long latencyNanos,
                           boolean closedWithoutReply, Phases phases, boolean healthServing) {

    public ProbeOutcome {
        phases = phases == null ? Phases.NONE : phases;
    }

    /** An outcome that says nothing of a health service. */
    public ProbeOutcome(Status status, Observed observed, String detail, String hint, TlsInfo tls, long latencyNanos,
                        boolean closedWithoutReply, Phases phases) {
        this(status, observed, detail, hint, tls, latencyNanos, closedWithoutReply, phases, false);
    }

    /** An outcome without phase timings. */
    public ProbeOutcome(Status status, Observed observed, String detail, String hint, TlsInfo tls, long latencyNanos,
                        boolean closedWithoutReply) {
        this(status, observed, detail, hint, tls, latencyNanos, closedWithoutReply, Phases.NONE);
    }

    public static ProbeOutcome ok(Observed observed, String detail) {
        return new ProbeOutcome(Status.OK, observed, detail, null, null, 0, false);
    }

    public static ProbeOutcome of(Status status, Observed observed, String detail) {
        return new ProbeOutcome(status, observed, detail, null, null, 0, false);
    }

    public ProbeOutcome withTls(TlsInfo info) {
        return new ProbeOutcome(status, observed, detail, hint, info, latencyNanos, closedWithoutReply, phases, healthServing);
    }

    public ProbeOutcome withHint(String h) {
        return new ProbeOutcome(status, observed, detail, h, tls, latencyNanos, closedWithoutReply, phases, healthServing);
    }

    public ProbeOutcome withDetail(String d) {
        return new ProbeOutcome(status, observed, d, hint, tls, latencyNanos, closedWithoutReply, phases, healthServing);
    }

    public ProbeOutcome withLatency(long nanos) {
        return new ProbeOutcome(status, observed, detail, hint, tls, nanos, closedWithoutReply, phases, healthServing);
    }

    /** The same outcome, marked (or not) as a server that closed without a reply. */
    public ProbeOutcome withClosedWithoutReply(boolean closed) {
        return new ProbeOutcome(status, observed, detail, hint, tls, latencyNanos, closed, phases, healthServing);
    }

    /** The same outcome with these phase timings. */
    public ProbeOutcome withPhases(Phases p) {
        return new ProbeOutcome(status, observed, detail, hint, tls, latencyNanos, closedWithoutReply, p, healthServing);
    }

    /** The same outcome, saying that the health service answered SERVING for the name asked. */
    public ProbeOutcome withHealthServing(boolean serving) {
        return new ProbeOutcome(status, observed, detail, hint, tls, latencyNanos, closedWithoutReply, phases, serving);
    }

    public double latencyMs() {
        return latencyNanos / 1_000_000.0;
    }
}
