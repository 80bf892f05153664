package dev.portprobe;

/**
 * Bad input: a profile, a reference table, a certificate file or an argument that cannot be used. Its message is one line, {@code FILE:LINE: message}.
 */
public class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    public InputException(String file, int line, String reason) {
        super(format(file, line, reason));
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public InputException(String file, int line, String reason, Throwable cause) {
        super(format(file, line, reason), cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    private static String format(String file, int line, String reason) {
        String where = file == null ? "" : line > 0 ? file + ":" + line + ": " : file + ": ";
        return oneLine(where + reason);
    }

    /** Every line break (\n, \r, NEL, U+2028, U+2029) becomes a space: the message is always one line. */
    private static String oneLine(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (sb == null) {
                    sb = new StringBuilder(text);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return sb == null ? text : sb.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
