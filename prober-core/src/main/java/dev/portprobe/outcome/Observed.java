package dev.portprobe.outcome;

import java.util.Locale;

/** What was seen answering on a port; {@link #word()} is the word reports print in {@code observed}. */
public enum Observed {
    TCP,
    TLS,
    MTLS,
    H2,
    HTTP,
    GRPC,
    REDIS,
    DNS,
    /** Bytes arrived, but they match no known protocol. */
    UNKNOWN,
    /** The connection opened, but nothing answered before the deadline. */
    SILENT;

    private final String word = name().toLowerCase(Locale.ROOT);

    /** The word used in reports ({@code tcp}, {@code h2}, {@code silent}...). */
    public String word() {
        return word;
    }

    /** The word of {@code observed}, or null when nothing was observed. */
    public static String wordOf(Observed observed) {
        return observed == null ? null : observed.word;
    }

    /** The value a report word names, or null for null or a word this build does not know. */
    public static Observed fromWord(String word) {
        if (word == null) {
            return null;
        }
        for (Observed o : values()) {
            if (o.word.equals(word)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return word;
    }
}
