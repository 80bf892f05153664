package dev.portprobe.profile;

/**
 * Options of an HTTP or HTTPS check.
 *
 * @param path         request path as given (flag or profile), or null when none was given; {@link #path()} then
 *                     answers "/"
 * @param expectStatus accepted status codes such as "200-399" or "200,204"; null: see {@link #acceptedStatus()}
 */
public record HttpOptions(String path, String expectStatus) {
    /** What a readiness path accepts when no expectStatus is set, as kubelet's httpGet probe does. */
    public static final String READINESS_RANGE = "200-399";
    public static final HttpOptions DEFAULT = new HttpOptions(null, null);

    public HttpOptions {
        path = path == null || path.isBlank() ? null : path;
    }

    /** The path to request: the one given, else "/". */
    @Override
    public String path() {
        return path == null ? "/" : path;
    }

    /** True when a path was given (on the command line or in the profile). */
    public boolean pathGiven() {
        return path != null;
    }

    /**
     * The statuses that pass: {@code expectStatus} when set; else {@value #READINESS_RANGE} when a path was given
     * (a readiness endpoint); else null, meaning any status line proves HTTP (GET / is often 404).
     */
    public String acceptedStatus() {
        if (expectStatus != null) {
            return expectStatus;
        }
        return pathGiven() ? READINESS_RANGE : null;
    }
}
