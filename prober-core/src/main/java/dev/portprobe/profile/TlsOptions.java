package dev.portprobe.profile;

/** Options of a TLS-based check: the SNI and verification name; null uses the dialed host. */
public record TlsOptions(String serverName) {
    public static final TlsOptions DEFAULT = new TlsOptions(null);
}
