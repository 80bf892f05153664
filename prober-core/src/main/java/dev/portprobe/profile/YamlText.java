package dev.portprobe.profile;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes YAML scalars: plain when that reads back as the same string, double-quoted otherwise. */
final class YamlText {
    /** Safe in block and flow context alike: no ':', '#', ',', brackets, quotes or leading indicators. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/(][A-Za-z0-9 _./()+-]*[A-Za-z0-9_./()+-]|[A-Za-z_/]");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private YamlText() {
    }

    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT)) && !s.contains("  ")) {
            return s;
        }
        return quoted(s);
    }

    static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
                            || c >= '\ufffe' || Character.isSurrogate(c) && !pair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A comment line's text: one line, no control characters. */
    static String comment(String s) {
        return Texts.escape(s == null ? "" : s);
    }

    private static boolean pair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
