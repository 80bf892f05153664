package dev.portprobe.reftable;

/**
 * Something the importer had to assume, ignore or infer, at a line of the Markdown file.
 *
 * @param line  1-based line in the Markdown file
 * @param level WARNING for what was malformed or missing and had to be assumed; INFO for inferences and ignored text
 */
public record ImportWarning(int line, Level level, String message) {
    public enum Level {
        WARNING,
        INFO;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ImportWarning warn(int line, String message) {
        return new ImportWarning(line, Level.WARNING, message);
    }

    static ImportWarning info(int line, String message) {
        return new ImportWarning(line, Level.INFO, message);
    }

    /** {@code FILE:LINE: warning: message}, one line. */
    public String format(String file) {
        return file + ":" + line + ": " + level.id() + ": " + message;
    }
}
