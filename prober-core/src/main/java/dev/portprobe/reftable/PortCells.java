package dev.portprobe.reftable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a port cell as written on vendors' pages: {@code 8080}, {@code 8080/TCP}, {@code TCP 179},
 * {@code 25, 587}, {@code 30000-32767}, {@code disabled (8501)*}. Small lists are expanded; ranges are reported
 * as such (the importer skips them: a range is an allocation pool, not a listener).
 */
final class PortCells {
    /** Lists longer than this are not expanded. */
    static final int MAX_LIST = 8;

    sealed interface Cell permits Single, Many, Range, None {
    }

    /** One port; {@code rest} is what followed the number; {@code transport} "tcp", "udp", "sctp" or null. */
    record Single(int port, String rest, String transport, boolean embedded) implements Cell {
    }

    record Many(List<Integer> ports) implements Cell {
    }

    record Range(int from, int to) implements Cell {
    }

    record None() implements Cell {
    }

    private static final Pattern LEADING = Pattern.compile("(\\d{1,9})(.*)", Pattern.DOTALL);
    private static final Pattern PREFIXED = Pattern.compile("(?i)(tcp|udp|sctp)[\\s/:]+(\\d{1,9})");
    private static final Pattern SUFFIX = Pattern.compile("(?i)\\s*[/(]?\\s*(tcp|udp|sctp)\\s*\\)?\\s*");
    private static final Pattern RANGE = Pattern.compile(
            "(?i)(?:(tcp|udp)\\s*)?(\\d{1,5})\\s*(?:-|\\u2013|\\u2014|\\.\\.|to)\\s*(\\d{1,5})(?:\\s*/?\\s*(tcp|udp))?");
    private static final Pattern LIST = Pattern.compile("\\d{1,5}(?:\\s*(?:,|;|&|\\band\\b|/)\\s*\\d{1,5})+");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])\\d{1,5}(?![\\d.])");

    private PortCells() {
    }

    static Cell read(String raw) {
        String cell = raw.replace('\u00A0', ' ').replaceAll("[*\u2020]+$", "").strip();
        Matcher m = RANGE.matcher(cell);
        if (m.matches()) {
            return new Range(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        if (LIST.matcher(cell).matches()) {
            List<Integer> ports = new ArrayList<>();
            Matcher n = NUMBER.matcher(cell);
            while (n.find()) {
                ports.add(Integer.parseInt(n.group()));
            }
            return new Many(ports);
        }
        m = PREFIXED.matcher(cell);
        if (m.matches()) {
            return new Single(Integer.parseInt(m.group(2)), "", m.group(1).toLowerCase(Locale.ROOT), false);
        }
        m = LEADING.matcher(raw);
        if (m.matches()) {
            Matcher suffix = SUFFIX.matcher(m.group(2));
            String transport = suffix.matches() ? suffix.group(1).toLowerCase(Locale.ROOT) : null;
            return new Single(Integer.parseInt(m.group(1)), m.group(2), transport, false);
        }
        Matcher n = NUMBER.matcher(cell);
        if (n.find()) {
            int port = Integer.parseInt(n.group());
            if (!n.find()) {
                return new Single(port, cell, null, true);
            }
        }
        return new None();
    }
}
