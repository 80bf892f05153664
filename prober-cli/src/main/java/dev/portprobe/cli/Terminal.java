package dev.portprobe.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The only place that writes to the user. Colour is used only on a TTY, never with NO_COLOR or --no-color.
 */
public final class Terminal {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final boolean tty;

    public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.tty = tty;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    public boolean color(boolean noColorFlag) {
        String noColor = env.get("NO_COLOR");
        return tty && !noColorFlag && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** A one-line message on stderr, prefixed with the program name. */
    public void error(String message) {
        err.println("portprobe: " + message);
        err.flush();
    }

    public void info(String message) {
        err.println(message);
        err.flush();
    }
}
