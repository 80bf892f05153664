package dev.portprobe.resolve;

/** The API answered 401 or 403: in-cluster mode falls back to DNS only on it; other modes report it (exit 3). */
final class ApiDeniedException extends ClusterAccessException {
    private static final long serialVersionUID = 1L;

    private final String verb;
    private final String resource;

    ApiDeniedException(String message, String verb, String resource) {
        super(message);
        this.verb = verb;
        this.resource = resource;
    }

    String verb() {
        return verb;
    }

    String resource() {
        return resource;
    }
}
