package dev.portprobe;

import java.time.Duration;

/** Durations as people type them: {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 3m}, {@code 1h}, {@code 2m30s}. A bare number is refused: 3 could mean seconds or milliseconds. */
public final class Durations {
    private static final Duration MAX = Duration.ofDays(7);

    private Durations() {
    }

    public static Duration parse(String text) throws InputException {
        if (text == null || text.isBlank()) {
            throw bad(text);
        }
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        long nanos = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (start == unitStart || unitStart == i || unitStart - start > 12) {
                throw bad(text);
            }
            double value;
            try {
                value = Double.parseDouble(s.substring(start, unitStart));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw bad(text);
            };
            double add = value * unit;
            if (Double.isNaN(add) || add > MAX.toNanos()) {
                throw new InputException(null, 0, "duration '" + HostPort.printable(text) + "' is too long (at most 7 days)");
            }
            nanos += (long) add;
            if (nanos > MAX.toNanos()) { // checked as it adds up, so that many components cannot overflow
                throw new InputException(null, 0, "duration '" + HostPort.printable(text) + "' is too long (at most 7 days)");
            }
            any = true;
        }
        if (!any || nanos > MAX.toNanos()) {
            throw bad(text);
        }
        return Duration.ofNanos(nanos);
    }

    private static InputException bad(String text) {
        return new InputException(null, 0, "invalid duration '" + HostPort.printable(text)
                + "': use a number with a unit, such as 500ms, 3s, 2m or 1h");
    }
}
