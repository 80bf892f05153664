package dev.portprobe.probe.net;

import dev.portprobe.InputException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client TLS contexts of one engine, built once from the --ca/--cert/--key PEM files and cached per ALPN list.
 *
 * <p>Every context uses the JDK provider (so the key manager sees each CertificateRequest) and a
 * {@link ClientCertRecorder}, which presents the client certificate when one was given. {@link #client} verifies the
 * chain and the host name when a CA was given; {@link #unverified} never does (identification).
 *
 * <p>Use {@link #newHandler} for handlers: it disables session resumption, which would hide CertificateRequests.
 */
public final class TlsContexts {
    public static final List<String> ALPN_H2_AND_HTTP1 = List.of("h2", "http/1.1");
    public static final List<String> ALPN_H2 = List.of("h2");
    public static final List<String> ALPN_HTTP1 = List.of("http/1.1");
    public static final List<String> NO_ALPN = List.of();
    /** Close-notify flush wait when a probe closes a TLS channel: a stalled peer must not hold the socket. */
    private static final long CLOSE_NOTIFY_FLUSH_MILLIS = 50;

    private final List<X509Certificate> cas;
    private final X509ExtendedKeyManager clientKeys;
    private final InputException problem;
    private final Map<List<Object>, SslContext> built = new ConcurrentHashMap<>();

    private TlsContexts(List<X509Certificate> cas, X509ExtendedKeyManager clientKeys, InputException problem) {
        this.cas = cas;
        this.clientKeys = clientKeys;
        this.problem = problem;
    }

    /**
     * Reads the PEM files.
     *
     * @param ca   PEM bundle of trusted CAs, or null to trust every server certificate
     * @param cert PEM client certificate chain, or null
     * @param key  PEM PKCS#8 key of {@code cert}, or null
     * @throws InputException naming the file that cannot be used (never printing key material)
     */
    public static TlsContexts load(Path ca, Path cert, Path key) throws InputException {
        List<X509Certificate> cas = ca == null ? null : PemFiles.certificates(ca);
        if ((cert == null) != (key == null)) {
            Path given = cert == null ? key : cert;
            throw new InputException(given.toString(), 0, "a client certificate needs both --cert and --key");
        }
        X509ExtendedKeyManager keys = cert == null ? null : keyManager(cert, key);
        return new TlsContexts(cas, keys, null);
    }

    /** Like {@link #load}, but keeps a problem to report on first use instead of throwing. */
    public static TlsContexts loadLater(Path ca, Path cert, Path key) {
        try {
            return load(ca, cert, key);
        } catch (InputException e) {
            return new TlsContexts(null, null, e);
        }
    }

    /** Throws the problem {@link #loadLater} kept, if any. */
    public void requireUsable() throws InputException {
        if (problem != null) {
            throw problem;
        }
    }

    /** Verifies chain and host name (a CA was given). */
    public boolean verifies() {
        return cas != null;
    }

    /** Presents a client certificate when the server asks. */
    public boolean presentsCertificate() {
        return clientKeys != null;
    }

    /** A context that verifies when a CA was given and presents the client certificate when one was given. */
    public SslContext client(List<String> alpn) throws InputException {
        return context(alpn, verifies());
    }

    /** A context that trusts every server certificate; still presents the client certificate when one was given. */
    public SslContext unverified(List<String> alpn) throws InputException {
        return context(alpn, false);
    }

    /** The {@link #unverified} context if it is built already, else null (building takes a cold JVM a while). */
    public SslContext unverifiedIfBuilt(List<String> alpn) throws InputException {
        requireUsable();
        return built.get(List.of(List.copyOf(alpn), false));
    }

    /**
     * A handler for {@code ctx} without session resumption (a resumed handshake never shows a CertificateRequest).
     * SNI and host name verification use {@code serverName}; the close-notify flush wait is short.
     */
    public static SslHandler newHandler(SslContext ctx, ByteBufAllocator alloc, String serverName) {
        // Port -1: the JDK caches client sessions by host and port, and never for port -1.
        SslHandler handler = ctx.newHandler(alloc, serverName, -1);
        handler.setHandshakeTimeoutMillis(0);
        handler.setCloseNotifyFlushTimeoutMillis(CLOSE_NOTIFY_FLUSH_MILLIS);
        handler.setCloseNotifyReadTimeoutMillis(0);
        return handler;
    }

    private SslContext context(List<String> alpn, boolean verify) throws InputException {
        requireUsable();
        List<Object> key = List.of(List.copyOf(alpn), verify);
        SslContext ctx = built.get(key);
        if (ctx == null) {
            ctx = built.computeIfAbsent(key, k -> build(alpn, verify));
        }
        return ctx;
    }

    private SslContext build(List<String> alpn, boolean verify) {
        dev.portprobe.DefaultTrust.prepareNetty();
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .keyManager((KeyManager) new ClientCertRecorder(clientKeys))
                    .trustManager(verify ? VerifyingTrustManager.trusting(cas) : TrustEverything.INSTANCE)
                    .endpointIdentificationAlgorithm(verify ? "HTTPS" : null)
                    .applicationProtocolConfig(alpn.isEmpty() ? ApplicationProtocolConfig.DISABLED
                            : new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
            return b.build();
        } catch (SSLException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedKeyManager keyManager(Path cert, Path key) throws InputException {
        List<X509Certificate> chain = PemFiles.certificates(cert);
        PrivateKey pk = PemFiles.privateKey(key);
        PemFiles.checkPair(pk, chain.get(0), key, cert);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("client", pk, none, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, none);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return x;
                }
            }
            throw new InputException(key.toString(), 0, "the JDK has no key manager for this key");
        } catch (GeneralSecurityException | IOException e) {
            throw new InputException(key.toString(), 0, "cannot use the key with " + cert + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
