package dev.portprobe.serve;

import java.util.Locale;

/**
 * The two text formats a scrape may ask for. Prometheus sends {@code Accept: application/openmetrics-text;...;q=...,
 * text/plain;version=0.0.4;q=0.5,...}; a client that names OpenMetrics (with a quality not below text/plain's) gets it,
 * every other one (curl, a browser) the Prometheus text format. They differ in the content type, in how a counter's
 * family is named ({@code foo} with samples {@code foo_total}, or {@code foo_total} throughout), and in the closing
 * {@code # EOF}, which only OpenMetrics has.
 */
enum Exposition {
    OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    TEXT("text/plain; version=0.0.4; charset=utf-8");

    private final String contentType;

    Exposition(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format for an {@code Accept} header (null: none sent). */
    static Exposition negotiate(String accept) {
        if (accept == null) {
            return TEXT;
        }
        double openMetrics = -1;
        double text = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("application/openmetrics-text")) {
                openMetrics = Math.max(openMetrics, q);
            } else if (type.equals("text/plain")) {
                text = Math.max(text, q);
            }
        }
        return openMetrics > 0 && openMetrics >= text ? OPENMETRICS : TEXT;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
