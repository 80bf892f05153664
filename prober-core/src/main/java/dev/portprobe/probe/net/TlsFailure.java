package dev.portprobe.probe.net;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathBuilderException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Why a TLS handshake (or the TLS session right after it) failed, in one line.
 *
 * @param kind   the class of failure, which decides the hint
 * @param reason one line for the detail, naming the certificate or the alert
 * @param alert  the TLS alert the server sent, such as {@code certificate_required}, or null
 */
public record TlsFailure(Kind kind, String reason, String alert) {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([A-Za-z0-9_]+)");

    public enum Kind {
        /** The server certificate (or one in its chain) has expired. */
        EXPIRED,
        /** The server certificate is not valid yet. */
        NOT_YET_VALID,
        /** The certificate's names do not include the server name. */
        WRONG_NAME,
        /** The chain does not lead to a CA given with --ca. */
        UNKNOWN_CA,
        /** The certificate was refused for another reason (revoked, bad signature, constraints). */
        UNTRUSTED,
        /** The server ended the handshake with an alert. */
        ALERT,
        /** No TLS version or cipher suite in common. */
        NO_COMMON_PARAMETERS,
        /** The peer's bytes are not TLS at all. */
        NOT_TLS,
        /** Anything else. */
        OTHER
    }

    /** Whether the failure is our verification refusing the server's certificate. */
    public boolean certificateRefused() {
        return kind == Kind.EXPIRED || kind == Kind.NOT_YET_VALID || kind == Kind.WRONG_NAME
                || kind == Kind.UNKNOWN_CA || kind == Kind.UNTRUSTED;
    }

    /** Classifies the cause of a failed handshake or of a failed read right after one. */
    public static TlsFailure of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateRejectedException rejected) {
                return rejected.failure();
            }
            if (t instanceof NotSslRecordException) {
                return new TlsFailure(Kind.NOT_TLS, "the peer's reply is not TLS", null);
            }
            if (t instanceof CertPathBuilderException) {
                return new TlsFailure(Kind.UNKNOWN_CA, "the certificate is not signed by a CA given with --ca", null);
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            Matcher m = ALERT.matcher(msg);
            if (m.find()) {
                return new TlsFailure(Kind.ALERT, "the server sent TLS alert " + m.group(1), m.group(1));
            }
        }
        Throwable root = root(cause);
        String msg = String.valueOf(root.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("no appropriate protocol") || lower.contains("no negotiable cipher")
                || lower.contains("no appropriate cipher")) {
            return new TlsFailure(Kind.NO_COMMON_PARAMETERS, "no TLS version or cipher suite in common: " + msg, null);
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
            return new TlsFailure(Kind.NOT_TLS, "the peer's reply is not TLS", null);
        }
        String what = root instanceof SSLException ? msg : root.getClass().getSimpleName() + ": " + msg;
        return new TlsFailure(Kind.OTHER, what, null);
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
