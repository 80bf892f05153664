package dev.portprobe.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point: runs a command and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Terminal terminal = new Terminal(out, err, System.getenv(), System.console() != null);
        int code;
        try {
            code = run(terminal, args);
        } catch (Throwable t) { // an Error that escaped picocli's handler: still a crash, never a failing port
            terminal.error("internal error: " + t + " (re-run with --stacktrace for details)");
            code = Cli.CRASH;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line against the given terminal; returns the exit code. Tests call this. */
    public static int run(Terminal terminal, String... args) {
        return Cli.commandLine(terminal, args).execute(args);
    }

    /** Convenience for tests: a terminal on the given writers, no TTY. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return run(new Terminal(out, err, env, false), args);
    }
}
