package dev.portprobe.profile;

/** Puts text from an input file into a one-line message: quoted, control characters escaped, length bounded. */
public final class Texts {
    private static final int MAX = 60;

    private Texts() {
    }

    /** {@code 'text'} with control characters escaped and long text cut short with "...". */
    public static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > MAX ? text.substring(0, MAX) + "..." : text;
        return "'" + escape(cut) + "'";
    }

    /** The first line of a message, with any remaining control characters escaped. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail";
        }
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        String first = nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
        return escape(first);
    }

    /**
     * Escapes every character that could break a line or a terminal, or that YAML does not allow even in a comment
     * (C0/C1 controls, unpaired surrogates, U+FEFF, U+FFFE, U+FFFF), as {@code \\uXXXX}.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                            || c >= '\ufffe' || Character.isSurrogate(c) && !validPair(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
