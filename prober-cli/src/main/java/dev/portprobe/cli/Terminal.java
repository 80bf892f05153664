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
    private final boolean errTty;
    private final java.io.InputStream in;

    /** A terminal whose stderr is not a TTY. */
    public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty) {
        this(out, err, env, tty, false);
    }

    /**
     * @param tty    stdin and stdout are a terminal (colour)
     * @param errTty stderr is a terminal (the progress line, rewritten in place)
     */
    public Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty, boolean errTty) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.tty = tty;
        this.errTty = errTty;
        this.in = System.in;
    }

    private Terminal(Terminal t, java.io.InputStream in) {
        this.out = t.out;
        this.err = t.err;
        this.env = t.env;
        this.tty = t.tty;
        this.errTty = t.errTty;
        this.in = in;
    }

    /** The same terminal reading {@code in} as its standard input (tests; the process's is System.in). */
    public Terminal withIn(java.io.InputStream input) {
        return new Terminal(this, input);
    }

    /** Standard input, for a command given {@code -} as a file. */
    public java.io.InputStream in() {
        return in;
    }

    /** Whether stderr is a terminal, where a line may be rewritten with a carriage return. */
    public boolean errTty() {
        return errTty;
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
        err.println("portprobe: " + oneLine(message));
        err.flush();
    }

    /** Control characters (a newline in a file name, say) as escapes, so that an error stays one line. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(message.length());
        message.codePoints().forEach(cp -> {
            if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    public void info(String message) {
        err.println(message);
        err.flush();
    }
}
