package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.CheckResult;
import dev.portprobe.outcome.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one-line progress: drawn in place on a terminal's stderr, cleared at the end, absent elsewhere. */
class ProgressTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private Progress progress(boolean errTty, boolean verbose) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), false, errTty);
        return new Progress(terminal, verbose, clock::get);
    }

    private static CheckResult result(String name, int port) {
        PortSpec spec = new PortSpec(port, null, null, Protocol.TCP, "", null, null, null, null, false, 0);
        return CheckResult.unprobed(Check.adHoc(name, spec), Status.OK, "connected", null);
    }

    /** What a terminal would show once every carriage return has done its work. */
    private static String screen(String text) {
        StringBuilder screen = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                screen.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                col = 0;
            } else {
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        return screen.append(line.toString().stripTrailing()).toString();
    }

    @Test
    void rewritesOneLineInPlaceOnATerminalAndClearsItAtTheEnd() {
        Progress p = progress(true, false);
        p.roundStarted(1, 3);
        assertThat(err.toString()).isEqualTo("\rprobing: 0 of 3 checks done");
        clock.addAndGet(Progress.REDRAW_NANOS);
        p.checkDone(result("a", 1));
        assertThat(screen(err.toString())).isEqualTo("probing: 1 of 3 checks done");
        clock.addAndGet(Progress.REDRAW_NANOS);
        p.checkDone(result("b", 2));
        p.checkDone(result("c", 3)); // the last one is always drawn, however soon
        assertThat(screen(err.toString())).isEqualTo("probing: 3 of 3 checks done");
        assertThat(err.toString()).doesNotContain("\n");
        p.close();
        assertThat(err.toString()).endsWith("\r");
        assertThat(screen(err.toString())).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void redrawsAtMostOnceAPeriodExceptForTheLastCheck() {
        Progress p = progress(true, false);
        p.roundStarted(1, 1000);
        for (int i = 0; i < 999; i++) {
            p.checkDone(result("n", i)); // the clock stands still: none of these is drawn
        }
        assertThat(err.toString()).isEqualTo("\rprobing: 0 of 1000 checks done");
        p.checkDone(result("n", 999));
        assertThat(screen(err.toString())).isEqualTo("probing: 1000 of 1000 checks done");
    }

    @Test
    void printsNothingWhenStderrIsNotATerminal() {
        Progress p = progress(false, false);
        p.roundStarted(1, 2);
        clock.addAndGet(Progress.REDRAW_NANOS);
        p.checkDone(result("a", 1));
        p.checkDone(result("b", 2));
        p.close();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void clearsTheLineBeforeVerboseAndWaitLinesAndRedrawsIt() {
        Progress p = progress(true, true);
        p.roundStarted(1, 2);
        p.checkDone(result("a", 1));
        p.roundFailed(1, 1, 2, Duration.ofSeconds(1), Duration.ofSeconds(7));
        p.roundStarted(2, 1);
        p.close();
        assertThat(screen(err.toString())).isEqualTo("  a:1 OK connected\n"
                + "waiting: round 1, 1 of 2 checks not OK yet; next try in 1s (7s left)\n");
        assertThat(err.toString()).contains("probing: 1 of 2 checks done").contains("probing: 0 of 1 checks done (round 2)");
    }

    @Test
    void aDemoOnATerminalShowsProgressOnStderrAndLeavesItClean() {
        StringWriter demoOut = new StringWriter();
        StringWriter demoErr = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(demoOut, true), new PrintWriter(demoErr, true), Map.of(),
                false, true);
        int code = Main.run(terminal, "demo", "-o", "json");
        assertThat(code).as(demoErr.toString()).isZero();
        assertThat(demoErr.toString()).contains("\rprobing: 0 of ").containsPattern("probing: (\\d+) of \\1 checks done");
        assertThat(screen(demoErr.toString())).isEmpty();
        assertThat(demoOut.toString()).startsWith("{").doesNotContain("probing:");
    }

    @Test
    void aDemoWhoseStderrIsNotATerminalPrintsNothingOnIt() {
        CliRun run = CliRun.of("demo", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }
}
