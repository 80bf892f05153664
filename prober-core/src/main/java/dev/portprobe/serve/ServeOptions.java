package dev.portprobe.serve;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How {@code serve} runs.
 *
 * @param listen            the address the HTTP server binds (port 0: any free port)
 * @param interval          pause between the end of one round and the start of the next
 * @param probeTimeout      the longest deadline of one {@code /probe} (cut further by Prometheus' scrape timeout header)
 * @param maxConnections    HTTP connections open at once; more are closed on accept
 * @param maxProbesInFlight {@code /probe} requests running at once; more are answered 503
 * @param idleTimeout       an HTTP connection with no traffic for this long is closed
 */
public record ServeOptions(InetSocketAddress listen, Duration interval, Duration probeTimeout, int maxConnections,
                           int maxProbesInFlight, Duration idleTimeout) {
    public static final int DEFAULT_PORT = 9779;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public ServeOptions {
        if (listen == null) {
            throw new IllegalArgumentException("a listen address is needed");
        }
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative");
        }
        if (probeTimeout == null || probeTimeout.isZero() || probeTimeout.isNegative()) {
            throw new IllegalArgumentException("probe timeout must be positive");
        }
        if (maxConnections < 1 || maxProbesInFlight < 1) {
            throw new IllegalArgumentException("connection and probe limits must be at least 1");
        }
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(2) : idleTimeout;
    }

    /** Defaults for everything but where to listen, how often, and the /probe deadline. */
    public static ServeOptions of(InetSocketAddress listen, Duration interval, Duration probeTimeout) {
        return new ServeOptions(listen, interval, probeTimeout, 256, 64, null);
    }
}
