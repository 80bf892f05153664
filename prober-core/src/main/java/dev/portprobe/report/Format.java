package dev.portprobe.report;

import dev.portprobe.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The report formats of {@code -o}. Ids are the words used on the command line. */
public enum Format {
    TABLE("table"),
    JSON("json"),
    JUNIT("junit"),
    MARKDOWN("markdown"),
    OPENMETRICS("openmetrics");

    private final String id;

    Format(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses "table", "json", "junit", "markdown" or "openmetrics" (any case); anything else names the valid ones. */
    public static Format parse(String text) throws InputException {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new InputException(null, 0, "unknown output format '" + text + "' (valid: " + allIds() + ")");
    }

    /** "table, json, junit, markdown, openmetrics" for messages and help. */
    public static String allIds() {
        return Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
