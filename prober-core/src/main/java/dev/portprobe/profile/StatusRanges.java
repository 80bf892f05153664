package dev.portprobe.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@code http.expectStatus} value: a comma-separated list of status codes and inclusive ranges, e.g.
 * {@code 200-399} or {@code 200,204,301-308}.
 */
public record StatusRanges(List<int[]> ranges, String text) {

    /** Parses the text; empty when it is not a valid list (codes must be 100..599, ranges low-high). */
    public static Optional<StatusRanges> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<int[]> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (!p.matches("[0-9]{3}(-[0-9]{3})?")) {
                return Optional.empty();
            }
            int lo = Integer.parseInt(p.substring(0, 3));
            int hi = p.length() > 3 ? Integer.parseInt(p.substring(4)) : lo;
            if (lo < 100 || hi > 599 || lo > hi) {
                return Optional.empty();
            }
            out.add(new int[] {lo, hi});
        }
        return Optional.of(new StatusRanges(List.copyOf(out), text.strip()));
    }

    public boolean accepts(int status) {
        return ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
    }
}
