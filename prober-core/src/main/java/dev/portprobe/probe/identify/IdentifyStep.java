package dev.portprobe.probe.identify;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.ProtocolSupports;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the identifier's steps, each on its own connection: its own two (the banner wait, the TLS ClientHello) and
 * the protocol folders' ({@link ProtocolStep}), in DESIGN's priority order (by rank): when two steps name different
 * protocols, the higher-ranked one wins (unless {@link Precedence} shows it cannot). Results are indexed by
 * {@link #position()}, a step's place in {@link #all()}.
 */
final class IdentifyStep {
    /** Rank 0: connect and listen: does the server speak first? */
    static final IdentifyStep BANNER = new IdentifyStep(0, "banner", 0, null);
    /** Rank 1: a ClientHello offering h2 and http/1.1: a ServerHello (or alert) is {@code tls}, or {@code mtls}. */
    static final IdentifyStep TLS = new IdentifyStep(1, "TLS ClientHello", 1, null);

    private static final List<IdentifyStep> ALL;
    /** The folders' steps that read only their own protocol: not in {@link #all()}, run beside them. */
    private static final List<ProtocolStep> OWN_PROTOCOL_ONLY;

    static {
        List<IdentifyStep> all = new ArrayList<>(List.of(BANNER, TLS));
        List<ProtocolStep> ownOnly = new ArrayList<>();
        for (ProtocolStep step : ProtocolSupports.identifySteps()) {
            if (step.anyProtocol()) {
                all.add(new IdentifyStep(all.size(), step.label(), step.rank(), step));
            } else {
                ownOnly.add(step);
            }
        }
        ALL = List.copyOf(all);
        OWN_PROTOCOL_ONLY = List.copyOf(ownOnly);
    }

    private final int position;
    private final String label;
    private final int rank;
    private final ProtocolStep folderStep;

    private IdentifyStep(int position, String label, int rank, ProtocolStep folderStep) {
        this.position = position;
        this.label = label;
        this.rank = rank;
        this.folderStep = folderStep;
    }

    /** The steps whose results {@link Precedence} and the {@link IdentifySummary} read, by rank. */
    static List<IdentifyStep> all() {
        return ALL;
    }

    /** The folders' steps that count only when they recognise their own protocol. */
    static List<ProtocolStep> ownProtocolOnly() {
        return OWN_PROTOCOL_ONLY;
    }

    /** The step with this label (tests name steps so). */
    static IdentifyStep labelled(String label) {
        return ALL.stream().filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no identify step " + label));
    }

    /**
     * The rank of the step whose own protocol {@code observed} is (the TLS step owns tls and mtls); past every
     * step's for a protocol no step owns, or none.
     */
    static int rankOf(Observed observed) {
        if (observed == Observed.TLS || observed == Observed.MTLS) {
            return TLS.rank;
        }
        for (IdentifyStep step : ALL) {
            if (step.folderStep != null && step.folderStep.observed() == observed) {
                return step.rank;
            }
        }
        for (ProtocolStep step : OWN_PROTOCOL_ONLY) {
            if (step.observed() == observed) {
                return step.rank();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** Where the step's result goes in a results array. */
    int position() {
        return position;
    }

    /** How details name the step: "(HTTP/2 preface)". */
    String label() {
        return label;
    }

    int rank() {
        return rank;
    }

    /** The folder's step (request, reading), or null for the banner wait and the TLS ClientHello. */
    ProtocolStep folderStep() {
        return folderStep;
    }

    @Override
    public String toString() {
        return label;
    }
}
