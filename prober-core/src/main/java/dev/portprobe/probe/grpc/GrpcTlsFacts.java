package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ClientTls;

import dev.portprobe.outcome.TlsInfo;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The TLS facts of a gRPC transport's session, for the report. */
final class GrpcTlsFacts {
    private GrpcTlsFacts() {
    }

    /** Null when there is no session (plaintext). */
    static TlsInfo of(GrpcAnswer answer, ClientTls tls) {
        SSLSession session = answer.session();
        if (session == null) {
            return null;
        }
        X509Certificate leaf = leaf(session);
        return new TlsInfo(
                session.getProtocol(),
                session.getCipherSuite(),
                "h2",
                leaf == null ? null : leaf.getSubjectX500Principal().getName(),
                leaf == null ? List.of() : sans(leaf),
                leaf == null ? null : leaf.getNotAfter().toInstant(),
                answer.clientCertificateSent(),
                tls.verifies() ? Boolean.TRUE : null);
    }

    private static X509Certificate leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static List<String> sans(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() >= 2 && name.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate whose SANs cannot be read: report none
        }
        return out;
    }
}
