package dev.portprobe.job;

import java.time.Duration;

/**
 * How {@link JobRunner} runs a Job.
 *
 * @param timeout      how long to wait for the Job, from creation to its end (also its activeDeadlineSeconds)
 * @param keep         leave the objects in the cluster afterwards ({@code --keep})
 * @param pollInterval how often to look at the Job and its pod
 */
public record JobRunOptions(Duration timeout, boolean keep, Duration pollInterval) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public JobRunOptions {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        pollInterval = pollInterval == null ? DEFAULT_POLL : pollInterval;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the job timeout must be positive");
        }
    }

    public static JobRunOptions defaults() {
        return new JobRunOptions(DEFAULT_TIMEOUT, false, DEFAULT_POLL);
    }
}
