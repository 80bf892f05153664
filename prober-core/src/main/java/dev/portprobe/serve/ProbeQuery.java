package dev.portprobe.serve;

import dev.portprobe.HostPort;
import dev.portprobe.InputException;
import dev.portprobe.profile.Protocol;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of one {@code /probe}: {@code target=HOST:PORT}, {@code expect=PROTOCOL} and, for http and https, an
 * optional {@code path}; and the deadline, the exporter's {@code --timeout} cut to Prometheus' scrape timeout (its
 * {@code X-Prometheus-Scrape-Timeout-Seconds} header) less half a second, as blackbox_exporter does.
 */
record ProbeQuery(HostPort target, Protocol expect, String path, Duration timeout) {
    static final String SCRAPE_TIMEOUT_HEADER = "X-Prometheus-Scrape-Timeout-Seconds";
    private static final Duration SCRAPE_OFFSET = Duration.ofMillis(500);
    private static final Set<String> KNOWN = Set.of("target", "expect", "path");

    /** A parameter that cannot be used: the one-line reason of a 400. */
    static final class BadQuery extends Exception {
        private static final long serialVersionUID = 1L;

        BadQuery(String reason) {
            super(reason);
        }
    }

    /**
     * @param params        decoded query parameters
     * @param scrapeTimeout the header's value, or null
     * @param maxTimeout    the exporter's own deadline for one check
     */
    static ProbeQuery parse(Map<String, List<String>> params, String scrapeTimeout, Duration maxTimeout) throws BadQuery {
        for (String name : params.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new BadQuery("unknown parameter '" + printable(name) + "' (known: target, expect, path)");
            }
        }
        String targetText = one(params, "target", true);
        HostPort target;
        try {
            target = HostPort.parse(targetText);
        } catch (InputException e) {
            throw new BadQuery("target " + e.getMessage());
        }
        String expectText = one(params, "expect", true);
        Protocol expect = Protocol.fromId(expectText).orElseThrow(() -> new BadQuery("unknown protocol '"
                + printable(expectText) + "' in expect: use one of " + Protocol.allIds()));
        String path = one(params, "path", false);
        if (path != null) {
            if (expect != Protocol.HTTP && expect != Protocol.HTTPS) {
                throw new BadQuery("path is for expect=http or https, not " + expect.id());
            }
            if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new BadQuery("path must start with / and hold no spaces or control characters");
            }
        }
        return new ProbeQuery(target, expect, path, deadline(scrapeTimeout, maxTimeout));
    }

    private static Duration deadline(String scrapeTimeout, Duration max) throws BadQuery {
        if (scrapeTimeout == null) {
            return max;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(scrapeTimeout.strip());
        } catch (NumberFormatException e) {
            throw new BadQuery(SCRAPE_TIMEOUT_HEADER + " '" + printable(scrapeTimeout) + "' is not a number of seconds");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new BadQuery(SCRAPE_TIMEOUT_HEADER + " must be a positive number of seconds");
        }
        Duration scrape = Duration.ofNanos((long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0)).minus(SCRAPE_OFFSET);
        if (scrape.toMillis() < 1) {
            throw new BadQuery(SCRAPE_TIMEOUT_HEADER + " leaves no time to probe (it must be over 0.5 s)");
        }
        return scrape.compareTo(max) < 0 ? scrape : max;
    }

    private static String one(Map<String, List<String>> params, String name, boolean required) throws BadQuery {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                throw new BadQuery("missing parameter " + name + " (/probe?target=HOST:PORT&expect=PROTOCOL[&path=P])");
            }
            return null;
        }
        if (values.size() > 1) {
            throw new BadQuery("parameter " + name + " is given " + values.size() + " times");
        }
        return values.get(0);
    }

    /** At most 80 characters, control characters escaped: a reason stays one short line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }
}
