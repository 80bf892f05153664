package dev.portprobe.resolve;

/** The cluster or its API cannot be reached, or access is denied (exit code 3). The message is one line. */
public class ClusterAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
