package dev.portprobe.probe.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies the server's chain against the --ca certificates and its names against the server name (the JDK's PKIX
 * trust manager does both), and turns a refusal into a {@link CertificateRejectedException} that says why: expired,
 * wrong name, unknown CA.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;

    private VerifyingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    static VerifyingTrustManager trusting(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return new VerifyingTrustManager(x);
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new CertificateRejectedException(classify(e, chain, serverName(engine)), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw new CertificateRejectedException(classify(e, chain, null), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateRejectedException(classify(e, chain, null), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    static TlsFailure classify(CertificateException e, X509Certificate[] chain, String serverName) {
        X509Certificate leaf = chain == null || chain.length == 0 ? null : chain[0];
        String subject = leaf == null ? "the server certificate" : "the certificate of " + TlsFacts.subject(leaf);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                X509Certificate expired = firstExpired(chain);
                String which = expired == null ? subject : "the certificate of " + TlsFacts.subject(expired);
                String when = expired == null ? "" : " on " + expired.getNotAfter().toInstant();
                return new TlsFailure(TlsFailure.Kind.EXPIRED, which + " expired" + when, null);
            }
            if (t instanceof CertificateNotYetValidException || t instanceof CertPathValidatorException v
                    && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                String when = leaf == null ? "" : " before " + leaf.getNotBefore().toInstant();
                return new TlsFailure(TlsFailure.Kind.NOT_YET_VALID, subject + " is not valid" + when, null);
            }
        }
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            String names = leaf == null ? "" : " names " + TlsFacts.sans(leaf);
            String wanted = serverName == null ? "the server name" : serverName;
            return new TlsFailure(TlsFailure.Kind.WRONG_NAME, subject + names + ", not " + wanted, null);
        }
        if (lower.contains("unable to find valid certification path") || lower.contains("path building failed")) {
            String issuer = leaf == null ? "" : " (issuer " + leaf.getIssuerX500Principal().getName() + ")";
            return new TlsFailure(TlsFailure.Kind.UNKNOWN_CA, subject + issuer + " is not signed by a CA given with --ca", null);
        }
        return new TlsFailure(TlsFailure.Kind.UNTRUSTED, subject + " was refused: " + msg, null);
    }

    private static X509Certificate firstExpired(X509Certificate[] chain) {
        if (chain == null) {
            return null;
        }
        Date now = new Date();
        for (X509Certificate c : chain) {
            if (c.getNotAfter().before(now)) {
                return c;
            }
        }
        return null;
    }

    private static String serverName(SSLEngine engine) {
        if (engine == null) {
            return null;
        }
        var params = engine.getSSLParameters();
        if (params.getServerNames() != null) {
            for (SNIServerName n : params.getServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return engine.getPeerHost();
    }
}
