package dev.portprobe.resolve;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Every Kubernetes API request goes through here: retryable failures (5xx, 429, refused, timed out, reset) are
 * retried with backoff inside {@link #budget(Duration)}, and a failure that stays becomes one line naming the
 * cluster, the verb and the resource. Credentials never reach a message.
 */
final class ApiCalls {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final int MAX_SERVER_TEXT = 300;

    /** One request to the API. */
    @FunctionalInterface
    interface Call<T> {
        T run();
    }

    private final String cluster;
    private final Duration timeout;
    private final Duration budget;
    private final List<String> secrets;
    private volatile long fastestNanos = Long.MAX_VALUE;

    ApiCalls(String cluster, Duration timeout, List<String> secrets) {
        this.cluster = cluster;
        this.timeout = timeout;
        this.budget = budget(timeout);
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 8).toList();
    }

    /** The longest one API call may take, retries included: twice the timeout plus two seconds. */
    static Duration budget(Duration timeout) {
        return timeout.multipliedBy(2).plusSeconds(2);
    }

    String cluster() {
        return cluster;
    }

    Duration timeout() {
        return timeout;
    }

    /** The fastest successful request so far (the API's round trip plus a little work), or ZERO before any. */
    Duration fastest() {
        long f = fastestNanos;
        return f == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(f);
    }

    <T> T call(String verb, String resource, String namespace, Call<T> call) throws ClusterAccessException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            long before = System.nanoTime();
            try {
                T result = call.run();
                fastestNanos = Math.min(fastestNanos, System.nanoTime() - before);
                return result;
            } catch (RuntimeException e) {
                ApiFailure failure = ApiFailure.of(e);
                long next = System.nanoTime() + backoff.toNanos() + timeout.toNanos();
                if (!failure.kind().retryable() || next > deadline) {
                    throw failed(failure, verb, resource, namespace, attempt, System.nanoTime() - start, e);
                }
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private static void sleep(Duration d) throws ClusterAccessException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterAccessException("interrupted while waiting to retry a Kubernetes API request");
        }
    }

    ClusterAccessException failed(ApiFailure f, String verb, String resource, String namespace, int attempts,
                                  long elapsedNanos, Throwable cause) {
        String what = verb + " " + resource + (namespace == null ? "" : " in namespace " + namespace);
        String tries = attempts > 1
                ? String.format(Locale.ROOT, " (%d attempts in %.1f s)", attempts, elapsedNanos / 1e9) : "";
        String server = f.detail() == null ? "" : ": " + redact(f.detail());
        String message = switch (f.kind()) {
            case DENIED -> "access denied by cluster " + cluster + ": cannot " + what + " (" + f.status() + ")" + server;
            case UNAUTHORIZED -> "credentials rejected by cluster " + cluster + " (" + f.status() + ") when trying to "
                    + what + ": the token or client certificate has expired or is not valid; log in again or choose another --context";
            case NOT_FOUND -> "cluster " + cluster + " does not serve " + resource + " (" + f.status() + ") for " + what
                    + (resource.contains("discovery.k8s.io") ? "; EndpointSlices v1 need Kubernetes 1.21 or later" : "") + server;
            case THROTTLED, SERVER -> "the API server of cluster " + cluster + " kept failing (" + f.status() + ") on "
                    + what + tries + server;
            case REFUSED -> "cannot reach the API server of cluster " + cluster + ": "
                    + (String.valueOf(f.detail()).toLowerCase(Locale.ROOT).contains("no route") ? "no route to host"
                    : "connection refused") + tries;
            case TIMEOUT -> "the API server of cluster " + cluster + " did not answer within " + timeout.toMillis()
                    + " ms" + tries;
            case RESET -> "the API server of cluster " + cluster + " dropped the connection on " + what + tries;
            case DNS -> "cannot resolve the API server host of cluster " + cluster + server;
            case TLS -> "TLS with the API server of cluster " + cluster + " failed" + server + "; " + tlsAdvice(f);
            case OTHER -> "cannot " + what + " on cluster " + cluster + (f.code() > 0 ? " (" + f.status() + ")" : "") + server;
        };
        ClusterAccessException e = f.kind() == ApiFailure.Kind.DENIED || f.kind() == ApiFailure.Kind.UNAUTHORIZED
                ? new ApiDeniedException(oneLine(message), verb, resource)
                : new ClusterAccessException(oneLine(message));
        e.addSuppressed(new RuntimeException(redact(String.valueOf(cause))));
        return e;
    }

    private static String tlsAdvice(ApiFailure f) {
        String d = String.valueOf(f.detail()).toLowerCase(Locale.ROOT);
        if (d.contains("certificate_expired") || d.contains("bad_certificate") || d.contains("certificate_unknown")) {
            return "the API server rejected the client certificate (expired?): log in again or refresh the kubeconfig";
        }
        return "check the kubeconfig's certificate-authority (is the server's certificate trusted and for this host?)";
    }

    /** Removes tokens from text that came from a server or an exception. */
    String redact(String text) {
        String out = BEARER.matcher(text).replaceAll("$1<redacted>");
        out = JWT.matcher(out).replaceAll("<redacted>");
        for (String s : secrets) {
            out = out.replace(s, "<redacted>");
        }
        return out.length() > MAX_SERVER_TEXT ? out.substring(0, MAX_SERVER_TEXT) + "..." : out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
