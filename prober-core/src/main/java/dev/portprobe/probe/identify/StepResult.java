package dev.portprobe.probe.identify;

import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.Replies;

import dev.portprobe.outcome.Observed;

import dev.portprobe.outcome.TlsInfo;

/**
 * How one identifier step ended.
 *
 * @param observed the protocol named (an {@link Observed} word) for NAMED, else null
 * @param detail   one phrase: what the step saw, naming the step
 * @param tls      the TLS facts of a TLS answer, else null
 * @param bytes    the first bytes the server sent on this step's connection (possibly none)
 * @param end      how a step without a reply ended (QUIET, CLOSED, RESET, FAILED), else null
 * @param cause    why a NOT_CONNECTED step did not connect, else null
 */
record StepResult(IdentifyStep step, Kind kind, Observed observed, String detail, TlsInfo tls, byte[] bytes,
                  Reply.End end, Throwable cause) {
    private static final byte[] NONE = new byte[0];

    enum Kind {
        /** The bytes (or the TLS handshake) name a protocol. */
        NAMED,
        /** TLS records came back to plaintext: a TLS port, but only the TLS step tells tls from mtls. */
        TLS_RECORDS,
        /** Bytes that name no protocol. */
        UNKNOWN,
        /** Connected, but no byte came back: {@link #end()} says how the step ended. */
        NO_REPLY,
        /** The connection did not open. */
        NOT_CONNECTED,
        /** The step could not run (the TLS step when --ca/--cert/--key cannot be used). */
        SKIPPED
    }

    /** What the first bytes on {@code step}'s connection show. */
    static StepResult ofBytes(IdentifyStep step, byte[] bytes) {
        Replies.Finding f = Replies.name(bytes);
        if (f == null) {
            return new StepResult(step, Kind.UNKNOWN, null, "first bytes " + Replies.quote(bytes) + " (" + step.label() + ")",
                    null, bytes, null, null);
        }
        Kind kind = f.observed().equals(Observed.TLS) ? Kind.TLS_RECORDS : Kind.NAMED;
        Observed observed = kind == Kind.NAMED ? f.observed() : null;
        return new StepResult(step, kind, observed, f.detail() + " (" + step.label() + ")", null, bytes, null, null);
    }

    /** The TLS step's answer: {@code tls} or {@code mtls}, with what the handshake showed. */
    static StepResult tls(Observed observed, String detail, TlsInfo info, byte[] firstBytes) {
        return new StepResult(IdentifyStep.TLS, Kind.NAMED, observed, detail, info, firstBytes, null, null);
    }

    static StepResult noReply(IdentifyStep step, Reply.End end) {
        return new StepResult(step, Kind.NO_REPLY, null, null, null, NONE, end, null);
    }

    static StepResult notConnected(IdentifyStep step, Throwable cause) {
        return new StepResult(step, Kind.NOT_CONNECTED, null, null, null, NONE, null, cause);
    }

    static StepResult skipped(IdentifyStep step, String why) {
        return new StepResult(step, Kind.SKIPPED, null, step.label() + " skipped (" + why + ")", null, NONE, null, null);
    }

    /** This result alone ends the run with its answer, unless a higher-priority step may still say otherwise. */
    boolean decisive() {
        return kind == Kind.NAMED || step == IdentifyStep.BANNER && kind == Kind.UNKNOWN;
    }

    boolean connected() {
        return kind != Kind.NOT_CONNECTED && kind != Kind.SKIPPED;
    }

    boolean quiet() {
        return kind == Kind.NO_REPLY && end == Reply.End.QUIET;
    }

    /** Connected, and the server ended the connection (closed, reset or failed it) before any byte. */
    boolean endedWithoutReply() {
        return kind == Kind.NO_REPLY && end != Reply.End.QUIET;
    }
}
