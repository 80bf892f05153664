package dev.portprobe.report;

/**
 * The only place that knows ANSI escape sequences. Disabled, it returns text unchanged, so callers never branch on colour.
 */
public final class Ansi {
    public static final Ansi OFF = new Ansi(false);
    public static final Ansi ON = new Ansi(true);

    private static final String ESC = "\u001b[";
    private static final String RESET = ESC + "0m";

    /** The styles portprobe uses, with their SGR codes. */
    public enum Style {
        BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), CYAN("36"), BOLD_RED("1;31");

        private final String code;

        Style(String code) {
            this.code = code;
        }
    }

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    public static Ansi of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    public String paint(Style style, String text) {
        if (!enabled || text == null || text.isEmpty()) {
            return text;
        }
        return ESC + style.code + "m" + text + RESET;
    }

    /** Removes every SGR sequence this class writes (for width computations and tests). */
    public static String strip(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
