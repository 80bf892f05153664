package dev.portprobe.outcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each network phase of a check took, in milliseconds, measured on the event loop at the socket events
 * (resolution done, channel active, TLS handshake complete, first inbound byte). A phase that did not happen (no
 * name to resolve, no TLS, no byte ever arrived) is null. Phases follow one another: {@code connect} starts when
 * {@code dns} ends, {@code tls} when the connection opened, {@code firstByte} when the request could be sent (after
 * TLS, else after connect) and ends at the first byte read.
 */
public record Phases(Double dnsMs, Double connectMs, Double tlsMs, Double firstByteMs) {
    /** No phase measured. */
    public static final Phases NONE = new Phases(null, null, null, null);

    /** The JSON keys of DESIGN ({@code dns, connect, tls, firstByte}), in that order. */
    public static final java.util.List<String> KEYS = java.util.List.of("dns", "connect", "tls", "firstByte");

    public boolean isEmpty() {
        return dnsMs == null && connectMs == null && tlsMs == null && firstByteMs == null;
    }

    /** The measured phases, keyed by {@link #KEYS} in that order; absent phases are left out. */
    public Map<String, Double> measured() {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "dns", dnsMs);
        put(m, "connect", connectMs);
        put(m, "tls", tlsMs);
        put(m, "firstByte", firstByteMs);
        return m;
    }

    /** The phases with the given key set (one of {@link #KEYS}); an unknown key is an error. */
    public static Phases of(Map<String, Double> byKey) {
        for (String k : byKey.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown phase '" + k + "' (known: " + KEYS + ")");
            }
        }
        return new Phases(byKey.get("dns"), byKey.get("connect"), byKey.get("tls"), byKey.get("firstByte"));
    }

    private static void put(Map<String, Double> m, String key, Double ms) {
        if (ms != null) {
            m.put(key, ms);
        }
    }
}
