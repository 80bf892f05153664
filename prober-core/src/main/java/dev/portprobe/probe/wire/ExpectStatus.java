package dev.portprobe.probe.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP status codes a check accepts: {@code "200-399"}, {@code "200,204"}, {@code "2xx"}, or a list of those
 * ({@code "2xx,404"}). {@link #ANY} accepts every status.
 */
public final class ExpectStatus {
    public static final ExpectStatus ANY = new ExpectStatus("any", List.of(new int[] {100, 599}));

    private final String spec;
    private final List<int[]> ranges;

    private ExpectStatus(String spec, List<int[]> ranges) {
        this.spec = spec;
        this.ranges = ranges;
    }

    /**
     * Parses a spec; null or blank gives {@link #ANY}.
     *
     * @throws IllegalArgumentException with a one-line reason when the spec is malformed
     */
    public static ExpectStatus parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ANY;
        }
        List<int[]> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            ranges.add(range(part.strip().toLowerCase(Locale.ROOT), spec));
        }
        return new ExpectStatus(spec.strip(), List.copyOf(ranges));
    }

    public boolean accepts(int code) {
        for (int[] r : ranges) {
            if (code >= r[0] && code <= r[1]) {
                return true;
            }
        }
        return false;
    }

    public boolean acceptsAny() {
        return this == ANY;
    }

    @Override
    public String toString() {
        return spec;
    }

    private static int[] range(String part, String spec) {
        if (part.matches("[1-5]xx")) {
            int base = (part.charAt(0) - '0') * 100;
            return new int[] {base, base + 99};
        }
        if (part.matches("[0-9]{3}")) {
            int code = code(part, spec);
            return new int[] {code, code};
        }
        if (part.matches("[0-9]{3}\\s*-\\s*[0-9]{3}")) {
            String[] ends = part.split("-");
            int lo = code(ends[0].strip(), spec);
            int hi = code(ends[1].strip(), spec);
            if (lo > hi) {
                throw new IllegalArgumentException("expectStatus \"" + spec + "\": range " + part + " runs backwards");
            }
            return new int[] {lo, hi};
        }
        throw new IllegalArgumentException("expectStatus \"" + spec
                + "\": expected codes such as 200, ranges such as 200-399, or classes such as 2xx, separated by commas");
    }

    private static int code(String text, String spec) {
        int code = Integer.parseInt(text);
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("expectStatus \"" + spec + "\": " + code + " is not an HTTP status code");
        }
        return code;
    }
}
