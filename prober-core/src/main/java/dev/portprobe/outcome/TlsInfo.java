package dev.portprobe.outcome;

import java.time.Instant;
import java.util.List;

/**
 * What a TLS handshake showed.
 *
 * @param clientCertRequested the server sent a CertificateRequest
 * @param verified            null when no --ca was given, else whether chain and hostname verified
 */
public record TlsInfo(
        String version,
        String cipher,
        String alpn,
        String subject,
        List<String> sans,
        Instant notAfter,
        boolean clientCertRequested,
        Boolean verified) {

    public TlsInfo {
        sans = sans == null ? List.of() : List.copyOf(sans);
    }
}
