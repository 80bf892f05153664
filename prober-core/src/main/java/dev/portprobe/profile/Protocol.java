package dev.portprobe.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The protocol a reference table promises for a port. Ids are the words used in profiles and on the command line. */
public enum Protocol {
    TCP("tcp"),
    TLS("tls"),
    /** TLS whose server demands a client certificate. */
    MTLS("mtls"),
    HTTP("http"),
    HTTPS("https"),
    GRPC("grpc"),
    GRPC_TLS("grpc-tls"),
    GRPC_MTLS("grpc-mtls"),
    REDIS("redis"),
    /** DNS over TCP. */
    DNS("dns"),
    /** DNS over UDP. */
    DNS_UDP("dns-udp");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True when the first bytes on the wire are a TLS ClientHello. */
    public boolean overTls() {
        return this == TLS || this == MTLS || this == HTTPS || this == GRPC_TLS || this == GRPC_MTLS;
    }

    public boolean isGrpc() {
        return this == GRPC || this == GRPC_TLS || this == GRPC_MTLS;
    }

    public boolean isDns() {
        return this == DNS || this == DNS_UDP;
    }

    /** True when the protocol runs over UDP (its Kubernetes ServicePort says UDP); every other one runs over TCP. */
    public boolean overUdp() {
        return this == DNS_UDP;
    }

    /** True when the server is expected to demand a client certificate. */
    public boolean mutualTls() {
        return this == MTLS || this == GRPC_MTLS;
    }

    public static Optional<Protocol> fromId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }

    /** "tcp, tls, ..." for error messages. */
    public static String allIds() {
        return Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
