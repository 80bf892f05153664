package dev.portprobe.run;

import java.time.Duration;

/** Progress of a run, for the CLI's stderr. {@link #NONE} does nothing. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /**
     * A round's checks are resolved and about to be probed: {@code total} results will follow through
     * {@link #checkDone} (one per check, or one per endpoint with --per-endpoint).
     */
    default void roundStarted(int round, int total) {
    }

    /** A --wait round ended with {@code failing} required checks not OK; the next starts after {@code pause}. */
    default void roundFailed(int round, int failing, int total, Duration pause, Duration left) {
    }

    /** One check finished. */
    default void checkDone(dev.portprobe.report.CheckResult result) {
    }
}
