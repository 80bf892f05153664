package dev.portprobe.cli;

import dev.portprobe.report.CheckResult;
import dev.portprobe.run.RunListener;
import java.time.Duration;

/** Progress on stderr: --wait rounds always, each check with -v. */
final class Progress implements RunListener {
    private final Terminal terminal;
    private final boolean verbose;

    Progress(Terminal terminal, boolean verbose) {
        this.terminal = terminal;
        this.verbose = verbose;
    }

    @Override
    public void roundFailed(int round, int failing, int total, Duration pause, Duration left) {
        terminal.info(String.format("waiting: round %d, %d of %d checks not OK yet; next try in %ds (%ds left)",
                round, failing, total, Math.max(1, pause.toSeconds()), left.toSeconds()));
    }

    @Override
    public void checkDone(CheckResult r) {
        if (verbose) {
            terminal.info(String.format("  %s:%d %s %s", r.check().name(), r.check().port(), r.status(),
                    r.detail() == null ? "" : r.detail()));
        }
    }
}
