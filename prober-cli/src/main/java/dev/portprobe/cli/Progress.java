package dev.portprobe.cli;

import dev.portprobe.report.CheckResult;
import dev.portprobe.run.RunListener;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: --wait rounds always, each check with -v, and, when stderr is a terminal, one line of checks
 * done of total that is rewritten in place ({@code \r}) and cleared when the run ends ({@link #close()}). Nothing of
 * that line reaches a stderr that is a file or a pipe. Called from the event loops: every method is synchronized.
 */
final class Progress implements RunListener, AutoCloseable {
    /** Redraw at most this often: a 10,000-port sweep must not write 10,000 lines to the terminal. */
    static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

    private final Terminal terminal;
    private final boolean verbose;
    private final boolean live;
    private final LongSupplier clock;
    private int round;
    private int total;
    private int done;
    private int shownWidth;
    private long lastDraw;

    Progress(Terminal terminal, boolean verbose) {
        this(terminal, verbose, System::nanoTime);
    }

    Progress(Terminal terminal, boolean verbose, LongSupplier clock) {
        this.terminal = terminal;
        this.verbose = verbose;
        this.live = terminal.errTty();
        this.clock = clock;
    }

    /** "probing: 12 of 31 checks done", with the round under --wait. */
    static String line(int round, int done, int total) {
        return "probing: " + done + " of " + total + " checks done" + (round > 1 ? " (round " + round + ")" : "");
    }

    @Override
    public synchronized void roundStarted(int round, int total) {
        this.round = round;
        this.total = total;
        this.done = 0;
        draw(true);
    }

    @Override
    public synchronized void roundFailed(int round, int failing, int total, Duration pause, Duration left) {
        clear();
        terminal.info(String.format("waiting: round %d, %d of %d checks not OK yet; next try in %ds (%ds left)",
                round, failing, total, Math.max(1, pause.toSeconds()), left.toSeconds()));
    }

    @Override
    public synchronized void checkDone(CheckResult r) {
        done++;
        if (verbose) {
            clear();
            terminal.info(String.format("  %s:%d %s %s", r.check().name(), r.check().port(), r.status(),
                    r.detail() == null ? "" : r.detail()));
            draw(true);
        } else {
            draw(done >= total);
        }
    }

    /** Clears the progress line, so that the report (or an error) starts on a clean line. */
    @Override
    public synchronized void close() {
        clear();
    }

    private void draw(boolean force) {
        if (!live || total <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (!force && shownWidth > 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String text = line(round, Math.min(done, total), total);
        terminal.err().print("\r" + text + " ".repeat(Math.max(0, shownWidth - text.length())));
        terminal.err().flush();
        shownWidth = text.length();
    }

    private void clear() {
        if (shownWidth == 0) {
            return;
        }
        terminal.err().print("\r" + " ".repeat(shownWidth) + "\r");
        terminal.err().flush();
        shownWidth = 0;
    }
}
