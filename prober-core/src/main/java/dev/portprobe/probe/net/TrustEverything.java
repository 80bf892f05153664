package dev.portprobe.probe.net;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate, and, being an extended trust manager, keeps the JDK from adding its own host
 * name check. Used when no --ca is given: we test that a port speaks TLS, not that we trust it.
 */
final class TrustEverything extends X509ExtendedTrustManager {
    static final TrustEverything INSTANCE = new TrustEverything();

    private TrustEverything() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // clients are never checked: this is a client-side manager
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // everything is accepted
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // clients are never checked
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // everything is accepted
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // clients are never checked
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // everything is accepted
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
