package dev.portprobe.probe.net;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client key manager that records, on the handshake's session, that the server asked for a client certificate.
 *
 * <p>The JDK calls {@link #chooseEngineClientAlias} exactly when the server sent a CertificateRequest in a full
 * handshake (TLS 1.2 and 1.3). The engine it passes is the JDK's own, which Netty wraps for ALPN, so the mark goes on
 * {@code engine.getHandshakeSession()}, which both see. A resumed handshake never asks: handlers must be made without
 * session resumption (see {@link TlsContexts#newHandler}).
 *
 * <p>It presents the certificate of {@code delegate} when there is one, else none. Runs on the event loop.
 */
public final class ClientCertRecorder extends X509ExtendedKeyManager {
    /** Session value name of the mark. */
    static final String REQUESTED = "dev.portprobe.clientCertificateRequested";

    private final X509ExtendedKeyManager delegate;

    /** @param delegate the key manager holding the client certificate, or null to present none */
    public ClientCertRecorder(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    /** True when the server asked for a client certificate in the handshake that made {@code session}. */
    public static boolean certificateRequested(SSLSession session) {
        return session != null && Boolean.TRUE.equals(session.getValue(REQUESTED));
    }

    /** True when the handshake in progress, or the one that completed, on {@code engine} asked for a client certificate. */
    public static boolean certificateRequested(SSLEngine engine) {
        return certificateRequested(engine.getHandshakeSession()) || certificateRequested(engine.getSession());
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        SSLSession session = engine == null ? null : engine.getHandshakeSession();
        if (session != null) {
            session.putValue(REQUESTED, Boolean.TRUE);
        }
        return delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
