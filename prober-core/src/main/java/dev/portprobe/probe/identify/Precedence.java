package dev.portprobe.probe.identify;

import dev.portprobe.outcome.Observed;

import static dev.portprobe.probe.identify.IdentifyStep.BANNER;

import dev.portprobe.probe.ProtocolSupports;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.probe.wire.Sniff;

/**
 * When the concurrent identifier may stop: the rules, in one place.
 *
 * <p>Every step runs at once, each on its own connection. The answer is the decisive result
 * ({@link StepResult#decisive()}) that ranks highest in DESIGN's order: the banner's own bytes, then {@code tls} or
 * {@code mtls}, {@code h2}, {@code http}, {@code redis}. It is final as soon as no step still running could outrank
 * it: a running step whose own protocol ranks lower cannot, nor can one that ranks equal when the answer is already
 * its own kind ({@link #canOutrank}), and any other must be ruled
 * out by what the first bytes of a finished step prove about the server ({@link Evidence}):
 *
 * <pre>
 * first bytes on a connection where we spoke first   rules out (by rank)  because
 * TLS records                                        banner              a server that speaks first sends its banner
 *                                                                        before any reply, on every connection
 * an HTTP/2 SETTINGS or GOAWAY frame                 banner, TLS         a TLS port never answers plaintext with an
 *                                                                        HTTP/2 frame
 * an HTTP status line, status neither 400 nor 3xx    banner, TLS         a TLS port answers plaintext with 400 (nginx,
 *                                                                        Go, Apache) or a redirect to https (nginx's
 *                                                                        error_page 497)
 * an HTTP status line, 400 or 3xx (or cut short)     banner              (only the TLS step tells these apart)
 * a RESP line                                        banner, TLS, HTTP/2 a TLS port never answers in RESP, nor does a
 *                                                                        server that speaks HTTP/2
 * anything else, or no reply                         nothing
 * </pre>
 *
 * Each row rules out the steps ranked above some protocol's ({@link Evidence#rulesOut}): the banner ranks 0 and TLS 1,
 * the folders' steps rank by their {@link dev.portprobe.probe.ProtocolStep#rank()}. The folder that reads the bytes
 * names that protocol ({@link ReplyReading#rulesOutAbove}): tls for TLS records and a 400 or a redirect, h2 for an
 * HTTP/2 frame and any other status, http for a RESP line.
 *
 * <p>Left out on purpose: {@code http} never rules out the HTTP/2 preface (nginx 1.25+, Go's h2c and Envoy serve both on
 * one plaintext port, and h2 ranks first), and {@code redis} never rules out the HTTP/1.1 GET (a server may sniff
 * both, as Dragonfly does). Those steps are fast on the servers that matter (redis-server closes on a Host header,
 * HTTP/1.x servers answer the preface with 400), so waiting for them costs little.
 */
final class Precedence {
    /**
     * What a step's first bytes prove about the server: no step ranked above {@code bound}'s step can give the
     * answer. A null bound proves nothing.
     */
    record Evidence(Observed bound) {
        static final Evidence NOTHING = new Evidence(null);

        boolean rulesOut(IdentifyStep step) {
            return bound != null && step.rank() < IdentifyStep.rankOf(bound);
        }
    }

    private Precedence() {
    }

    /**
     * The answer, once it is final; null while a running step could still outrank the best answer so far, or when no
     * step has answered.
     *
     * @param results indexed by {@link IdentifyStep#position()}; null for a step still running
     */
    static StepResult decide(StepResult[] results) {
        StepResult best = best(results);
        if (best == null) {
            return null;
        }
        for (IdentifyStep step : IdentifyStep.all()) {
            if (results[step.position()] == null && canOutrank(step, best) && !ruledOut(step, results)) {
                return null;
            }
        }
        return best;
    }

    /** The highest-ranked decisive result; on a tie, the step whose own protocol it is, else the earlier step. */
    static StepResult best(StepResult[] results) {
        StepResult best = null;
        for (StepResult r : results) {
            if (r == null || !r.decisive()) {
                continue;
            }
            if (best == null || rank(r) < rank(best) || rank(r) == rank(best) && own(r) && !own(best)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Whether {@code running}, still running, could yet give an answer that ranks above {@code answer}, or one that
     * ranks equal and is canonical where {@code answer} is not (the HTTP/2 preface step, while the GET named h2): the
     * answer then names the same step whichever finishes first.
     */
    static boolean canOutrank(IdentifyStep running, StepResult answer) {
        int own = ownRank(running);
        return own < rank(answer) || own == rank(answer) && !own(answer);
    }

    /** Whether some finished step's first bytes rule out {@code step}. */
    static boolean ruledOut(IdentifyStep step, StepResult[] results) {
        for (StepResult r : results) {
            if (r != null && evidence(r).rulesOut(step)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code r}'s first bytes prove, as the folder that reads them says ({@link ReplyReading#rulesOutAbove}); the
     * banner's own bytes prove nothing about the other steps.
     */
    static Evidence evidence(StepResult r) {
        if (r.step() == BANNER || r.bytes().length == 0) {
            return Evidence.NOTHING;
        }
        ReplyReading reading = ProtocolSupports.reading(Sniff.ofFinal(r.bytes()));
        return reading == null ? Evidence.NOTHING : new Evidence(reading.rulesOutAbove(r.bytes()));
    }

    /** The banner's own bytes rank first; any other answer ranks as the step whose own protocol it names. */
    static int rank(StepResult r) {
        return r.step() == BANNER ? BANNER.rank() : IdentifyStep.rankOf(r.observed());
    }

    private static int ownRank(IdentifyStep step) {
        return step.rank();
    }

    /** The result names the step's own protocol (a TLS answer to the ClientHello, a status line to the GET...). */
    private static boolean own(StepResult r) {
        return r.step() != BANNER && rank(r) == ownRank(r.step());
    }
}
