package dev.portprobe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What every command has: the terminal it writes to, {@code -h/--help}, and the hidden {@code --stacktrace} that
 * {@link Cli} reads.
 */
abstract class TerminalCommand implements Callable<Integer>, TerminalAware {
    protected Terminal terminal;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--stacktrace", hidden = true, description = "print the stack trace of an internal error")
    boolean stacktrace;

    @Override
    public void terminal(Terminal t) {
        this.terminal = t;
    }
}
