package dev.portprobe.run;

import java.time.Duration;

/**
 * How a run probes.
 *
 * @param timeout deadline of each check
 * @param retries extra attempts for a check that is not OK, within one round
 * @param waitFor keep re-probing failed checks until all pass or this runs out; ZERO for one round
 */
public record RunOptions(Duration timeout, int retries, Duration waitFor) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public RunOptions {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        waitFor = waitFor == null ? Duration.ZERO : waitFor;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }

    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_TIMEOUT, 0, Duration.ZERO);
    }
}
