package dev.portprobe.probe;

/** The words used in {@code observed}: what was seen answering on a port. */
public final class Observed {
    public static final String TCP = "tcp";
    public static final String TLS = "tls";
    public static final String MTLS = "mtls";
    public static final String H2 = "h2";
    public static final String HTTP = "http";
    public static final String GRPC = "grpc";
    public static final String REDIS = "redis";
    /** Bytes arrived, but they match no known protocol. */
    public static final String UNKNOWN = "unknown";
    /** The connection opened, but nothing answered before the deadline. */
    public static final String SILENT = "silent";

    private Observed() {
    }
}
