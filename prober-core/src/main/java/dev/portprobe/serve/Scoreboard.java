package dev.portprobe.serve;

import dev.portprobe.report.Report;
import java.time.Instant;
import java.util.List;

/**
 * What the exporter knows, published by the scheduler after each round and read by every scrape: the latest report,
 * the transition counters, and the rounds run. Thread-safe; a scrape gets one consistent {@link Snapshot}.
 */
final class Scoreboard {
    /**
     * @param latest      the last round's report, or null before the first round completed
     * @param rounds      rounds completed
     * @param roundErrors rounds that ended without a report (the cluster's API could not be reached or read)
     * @param lastError   the one line of the last such failure, or null
     * @param lastRoundAt when the last round completed, or null
     */
    record Snapshot(Report latest, List<Transitions.Count> transitions, long rounds, long roundErrors, String lastError,
                    Instant lastRoundAt) {
        boolean ready() {
            return latest != null;
        }
    }

    private final Transitions transitions;
    private Report latest;
    private long rounds;
    private long roundErrors;
    private String lastError;
    private Instant lastRoundAt;

    /** @param cluster the {@code cluster} label of the transition counters */
    Scoreboard(String cluster) {
        this.transitions = new Transitions(cluster);
    }

    synchronized void roundDone(Report report, Instant at) {
        transitions.record(report.results());
        latest = report;
        rounds++;
        lastError = report.apiError();
        lastRoundAt = at;
    }

    synchronized void roundFailed(String error) {
        roundErrors++;
        lastError = error;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(latest, transitions.counts(), rounds, roundErrors, lastError, lastRoundAt);
    }
}
