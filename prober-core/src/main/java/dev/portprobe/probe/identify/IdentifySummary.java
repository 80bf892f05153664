package dev.portprobe.probe.identify;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.Connects;
import dev.portprobe.probe.ProbeRequest;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.outcome.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * What the identifier reports when every step has ended and none named a protocol; and which steps deserve a second,
 * unhurried try first.
 */
final class IdentifySummary {
    /** " (banner wait, TLS ClientHello, HTTP/2 preface, HTTP/1.1 GET, RESP PING)", by the registered steps. */
    private static final String ALL_STEPS = " (" + String.join(", ", IdentifyStep.all().stream()
            .map(s -> s == IdentifyStep.BANNER ? "banner wait" : s.label()).toList()) + ")";

    private IdentifySummary() {
    }

    /**
     * TLS records somewhere: {@code tls}. Other bytes: {@code unknown}, with the first bytes of the earliest step that
     * saw any. Nothing connected: why (refused, or the connect timeout). No step waited in vain, and the banner wait
     * was reset (a step that writes may see the same reset as a close), or every step was: refused. No step waited in
     * vain otherwise: {@code unknown}, closed without a reply. Some step waited in vain: {@code silent}, even if the
     * server ended other steps' connections (a server that serves one connection at a time may turn the others away;
     * the steps all run at once, and the banner wait is the shortest of them, so an early close of some steps does
     * not show that the server closes every connection).
     *
     * @param results one per step, indexed by {@link IdentifyStep#position()}, none null
     */
    static Identification of(ProbeRequest request, StepResult[] results) {
        StepResult unknown = null;
        StepResult notConnected = null;
        boolean sawTls = false;
        boolean connected = false;
        List<String> quiet = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int resets = 0;
        int closes = 0;
        int failedConnects = 0;
        for (StepResult r : results) {
            switch (r.kind()) {
                case TLS_RECORDS -> sawTls = true;
                case UNKNOWN -> unknown = unknown == null ? r : unknown;
                case NOT_CONNECTED -> {
                    notConnected = notConnected == null ? r : notConnected;
                    failedConnects++;
                }
                case SKIPPED -> notes.add(r.detail());
                case NO_REPLY -> {
                    if (r.quiet()) {
                        quiet.add(r.step().label());
                    } else if (r.end() == Reply.End.RESET) {
                        resets++;
                    } else {
                        closes++;
                    }
                }
                case NAMED -> throw new IllegalArgumentException("a named result is decided by Precedence");
            }
            connected |= r.connected();
        }
        if (!connected) {
            ProbeOutcome o = Connects.failure(request, notConnected.cause());
            return new Identification(null, o.status() == Status.REFUSED, o.detail(), null);
        }
        if (sawTls) {
            return named(Observed.TLS, "answered with TLS records, but no TLS handshake completed in time");
        }
        if (unknown != null) {
            return named(Observed.UNKNOWN, unknown.detail());
        }
        StepResult banner = results[IdentifyStep.BANNER.position()];
        boolean bannerReset = banner.endedWithoutReply() && banner.end() == Reply.End.RESET;
        if (quiet.isEmpty() && (bannerReset || resets > 0 && closes == 0)) {
            return new Identification(null, true, "the connections were reset before any reply", null);
        }
        if (quiet.isEmpty()) {
            return new Identification(Observed.UNKNOWN, false, Hints.CLOSED_WITHOUT_REPLY + ALL_STEPS, null, true);
        }
        if (resets + closes > 0) {
            notes.add(resets + closes + " step(s) ended without a reply");
        }
        if (failedConnects > 0) {
            notes.add(failedConnects + " step(s) could not connect");
        }
        return named(Observed.SILENT, "connected, but nothing answered: no reply to " + String.join(", ", quiet)
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
    }

    /**
     * Steps worth one more try, one at a time: those that could not connect, or were closed or reset before any byte,
     * while the server held or answered another step's connection. A server that takes one connection at a time, or
     * turns away a second one, treats parallel steps so; one that closes or resets every connection gets no second
     * try.
     *
     * <p>When the only sign that the server held a connection is a quiet banner wait, the banner wait is tried again
     * too, last, with the time that is left: its window is the shortest (at most 250 ms), so on a loaded machine a
     * server that resets every connection may accept (and reset) the banner's only after that window, which must not
     * read as a port that holds connections in silence. A retried banner wait that cannot connect keeps its first,
     * quiet result (a server that accepts once, then stops listening, did hold that connection).
     */
    static List<IdentifyStep> toRetry(StepResult[] results) {
        boolean served = false;
        for (StepResult r : results) {
            served |= r.quiet() || r.kind() == StepResult.Kind.UNKNOWN || r.kind() == StepResult.Kind.TLS_RECORDS;
        }
        List<IdentifyStep> retry = new ArrayList<>();
        for (StepResult r : results) {
            boolean turnedAway = r.kind() == StepResult.Kind.NOT_CONNECTED || r.endedWithoutReply();
            if (served && turnedAway) {
                retry.add(r.step());
            }
        }
        if (!retry.isEmpty() && onlyTheBannerWasQuiet(results)) {
            retry.add(IdentifyStep.BANNER);
        }
        return retry;
    }

    /** The banner wait was quiet, and no other step was quiet or saw a byte. */
    private static boolean onlyTheBannerWasQuiet(StepResult[] results) {
        for (StepResult r : results) {
            boolean served = r.quiet() || r.kind() == StepResult.Kind.UNKNOWN || r.kind() == StepResult.Kind.TLS_RECORDS;
            if (served != (r.step() == IdentifyStep.BANNER)) {
                return false;
            }
        }
        return true;
    }

    private static Identification named(Observed observed, String detail) {
        return new Identification(observed, false, detail, null);
    }
}
