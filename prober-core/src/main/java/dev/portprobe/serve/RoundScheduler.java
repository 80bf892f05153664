package dev.portprobe.serve;

import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a round, publishes it, waits the interval, and again, on one thread of its own, until stopped. A round whose
 * cluster cannot be reached is counted and logged (once per change of its message), and the next round comes as
 * usual: an exporter outlives an API server's restart.
 */
final class RoundScheduler {
    /** One round: plan, resolve, probe. */
    interface Round {
        Report run() throws ClusterAccessException, InterruptedException;
    }

    private final Round round;
    private final Scoreboard board;
    private final Duration interval;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private boolean stopping;
    private Thread thread;
    private String lastLogged;

    RoundScheduler(Round round, Scoreboard board, Duration interval, Consumer<String> log) {
        this.round = round;
        this.board = board;
        this.interval = interval;
        this.log = log;
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "portprobe-serve-rounds");
        thread.setDaemon(true); // a round stuck past every deadline must not keep the JVM alive
        thread.start();
    }

    private void loop() {
        while (!stopping()) {
            try {
                Report report = round.run();
                if (stopping()) {
                    return; // published after the stop, it would land in a scoreboard nobody serves any more
                }
                board.roundDone(report, Instant.now());
                changed(report.apiError(), "the API server failed during a round: ");
            } catch (ClusterAccessException e) {
                board.roundFailed(e.getMessage());
                changed(e.getMessage(), "round failed: ");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping()) {
                    return; // an abandoned round that found the engine closed under it: nothing to report
                }
                // a bug: counted and logged, and the exporter keeps serving what it has
                String line = "internal error in a round: " + e;
                board.roundFailed(line);
                changed(line, "");
            }
            if (!pause()) {
                return;
            }
        }
    }

    /** Logs {@code error} when it differs from the last one logged, and a recovery when it clears. */
    private void changed(String error, String prefix) {
        if (Objects.equals(error, lastLogged)) {
            return;
        }
        log.accept(error == null ? "rounds complete again" : prefix + error);
        lastLogged = error;
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Waits the interval; false when stopped meanwhile. */
    private boolean pause() {
        long until = System.nanoTime() + interval.toNanos();
        synchronized (lock) {
            try {
                for (long left = until - System.nanoTime(); !stopping && left > 0; left = until - System.nanoTime()) {
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                return false;
            }
            return !stopping;
        }
    }

    /**
     * Stops: no round starts after this, and the one in flight gets {@code bound} to end (every probe and API call
     * has a deadline, so it does); past that it is interrupted and left behind (a daemon thread).
     *
     * @return true when the round thread ended within the bound
     */
    boolean stop(Duration bound) throws InterruptedException {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, bound.toMillis()));
        if (t.isAlive()) {
            t.interrupt();
            t.join(100);
        }
        return !t.isAlive();
    }
}
