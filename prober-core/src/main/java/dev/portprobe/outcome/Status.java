package dev.portprobe.outcome;

/** The verdict for one check. */
public enum Status {
    /** The port answered with the expected protocol (and, where checked, a healthy status). */
    OK,
    /** The expected protocol answered, but said it is not healthy (HTTP status, NOT_SERVING...). */
    UNHEALTHY,
    /** Something answered, but not the expected protocol; {@code observed} says what. */
    WRONG_PROTOCOL,
    /** TLS answered but the handshake or verification failed. */
    TLS_ERROR,
    /** Nothing listens: the connection was refused or reset before any exchange. */
    REFUSED,
    /** No answer within the deadline. */
    TIMEOUT,
    /** The Service, port, endpoints or name could not be found. */
    UNRESOLVED,
    /** An unexpected failure; the detail says what. */
    ERROR,
    /** Not probed, with a reason (a missing optional Service, a pod-local port in-cluster). */
    SKIPPED;

    public boolean ok() {
        return this == OK;
    }

    /** True for statuses that count as failures in the summary and exit code. */
    public boolean failed() {
        return this != OK && this != SKIPPED;
    }
}
