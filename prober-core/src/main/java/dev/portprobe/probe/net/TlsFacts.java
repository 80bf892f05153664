package dev.portprobe.probe.net;

import dev.portprobe.outcome.TlsInfo;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The facts of a TLS session as a {@link TlsInfo}, and how they read in a detail line. */
public final class TlsFacts {
    /** A certificate that expires sooner than this gets a warning. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private TlsFacts() {
    }

    /**
     * @param alpn     the negotiated application protocol, or null
     * @param verified null when no --ca was given, else whether chain and name verified
     */
    public static TlsInfo of(SSLSession session, String alpn, boolean clientCertRequested, Boolean verified) {
        X509Certificate leaf = leaf(session);
        return new TlsInfo(
                session.getProtocol(),
                session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn,
                leaf == null ? null : subject(leaf),
                leaf == null ? List.of() : sans(leaf),
                leaf == null ? null : leaf.getNotAfter().toInstant(),
                clientCertRequested,
                verified);
    }

    /** The server certificate of {@code session}, or null when it has none yet. */
    public static X509Certificate leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The subject DN in RFC 2253 form, such as {@code CN=gloo,O=solo}. */
    public static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName();
    }

    /** DNS names and IP addresses of the subject alternative names. */
    public static List<String> sans(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    Object type = n.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)
                            || Integer.valueOf(6).equals(type)) {
                        out.add(String.valueOf(n.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable SANs: report none
        }
        return out;
    }

    /** "TLSv1.3 TLS_AES_128_GCM_SHA256, ALPN h2; certificate CN=x (SANs a, b), expires 2027-01-01T00:00:00Z". */
    public static String describe(TlsInfo info) {
        StringBuilder sb = new StringBuilder();
        sb.append(info.version()).append(' ').append(info.cipher());
        if (info.alpn() != null) {
            sb.append(", ALPN ").append(info.alpn());
        }
        sb.append(certificate(info));
        return sb.toString();
    }

    /** "; certificate CN=x (SANs a, b), expires ..." or "" when the certificate is not known. */
    public static String certificate(TlsInfo info) {
        if (info.subject() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; certificate ").append(info.subject());
        if (!info.sans().isEmpty()) {
            sb.append(" (SANs ").append(String.join(", ", info.sans())).append(')');
        }
        if (info.notAfter() != null) {
            sb.append(", expires ").append(info.notAfter());
        }
        return sb.toString();
    }

    /** A warning when the certificate has expired or expires within {@link #EXPIRY_WARNING}, else null. */
    public static String expiryWarning(TlsInfo info, Instant now) {
        if (info.notAfter() == null) {
            return null;
        }
        if (info.notAfter().isBefore(now)) {
            return "WARNING: the certificate expired on " + info.notAfter();
        }
        Duration left = Duration.between(now, info.notAfter());
        if (left.compareTo(EXPIRY_WARNING) < 0) {
            long days = left.toDays();
            String in = days == 0 ? "less than a day" : days == 1 ? "1 day" : days + " days";
            return "WARNING: the certificate expires in " + in + " (" + info.notAfter() + ")";
        }
        return null;
    }
}
