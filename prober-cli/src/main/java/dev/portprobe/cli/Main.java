package dev.portprobe.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point: runs a command and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        jvmDefaults(System.getProperties());
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Terminal terminal = new Terminal(out, err, System.getenv(), System.console() != null, stderrIsTerminal());
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

    /**
     * Defaults for this process that a user's {@code -D} (PORTPROBE_JAVA_OPTS) still overrides. Netty's JFR events
     * ({@code io.netty.jfr.enabled}, on whenever the JVM has Flight Recorder) make its first use load and set up JFR's
     * event metadata, about 130 classes and 260 methods compiled in a {@code check} run, for events that only a
     * recording would read; a user who records can turn them back on.
     */
    static void jvmDefaults(java.util.Properties properties) {
        properties.putIfAbsent("io.netty.jfr.enabled", "false");
    }

    /**
     * Java cannot ask isatty(2): the launcher script says so ({@code -Dportprobe.stderr.tty=true} when {@code [ -t 2 ]});
     * without it, on Linux, stderr is a terminal when descriptor 2 is a tty or pseudo-terminal device.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("portprobe.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
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
