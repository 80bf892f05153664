package dev.portprobe.probe;

/**
 * How the engine runs.
 *
 * @param concurrency     checks in flight at once
 * @param threads         event loop threads
 * @param nativeTransport use epoll where available
 */
public record EngineOptions(int concurrency, int threads, boolean nativeTransport, ClientTls clientTls) {
    public static final int DEFAULT_CONCURRENCY = 64;

    public EngineOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        threads = threads < 1 ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads;
        clientTls = clientTls == null ? ClientTls.NONE : clientTls;
    }

    public static EngineOptions defaults() {
        return new EngineOptions(DEFAULT_CONCURRENCY, 0, true, ClientTls.NONE);
    }

    public EngineOptions withConcurrency(int c) {
        return new EngineOptions(c, threads, nativeTransport, clientTls);
    }

    public EngineOptions withClientTls(ClientTls tls) {
        return new EngineOptions(concurrency, threads, nativeTransport, tls);
    }
}
