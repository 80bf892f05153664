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
        return where + reason.replace('\n', ' ');
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
