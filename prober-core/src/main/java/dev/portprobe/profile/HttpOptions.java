package dev.portprobe.profile;

/**
 * Options of an HTTP or HTTPS check.
 *
 * @param path         request path, default "/"
 * @param expectStatus accepted status codes such as "200-399" or "200,204"; null accepts any valid status line
 */
public record HttpOptions(String path, String expectStatus) {
    public static final HttpOptions DEFAULT = new HttpOptions("/", null);

    public HttpOptions {
        path = path == null || path.isBlank() ? "/" : path;
    }
}
