package dev.portprobe.probe;

import java.time.Duration;

/** One check's clock: when it started and how long it has left. */
public final class Deadline {
    private final long startNanos;
    private final long deadlineNanos;

    Deadline(long startNanos, Duration timeout) {
        this.startNanos = startNanos;
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    /** System.nanoTime() when the check started. */
    public long startNanos() {
        return startNanos;
    }

    public long remainingNanos() {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    public Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    public boolean expired() {
        return remainingNanos() == 0;
    }
}
