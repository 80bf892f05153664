package dev.portprobe.testing;

import dev.portprobe.probe.ClientTls;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates made in the test: a CA, a server certificate for localhost/127.0.0.1 and a client certificate,
 * with the PEM files a probe reads (--ca, --cert, --key) in a temporary directory deleted on close.
 */
public final class TestPki implements AutoCloseable {
    private final HeldCertificate ca;
    private final HeldCertificate server;
    private final HeldCertificate client;
    private final Path dir;

    public TestPki() {
        ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("portprobe test CA").build();
        server = new HeldCertificate.Builder().signedBy(ca).commonName("localhost")
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();
        client = new HeldCertificate.Builder().signedBy(ca).commonName("portprobe test client").build();
        try {
            dir = Files.createTempDirectory("portprobe-pki-");
            Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
            Files.writeString(dir.resolve("client.pem"), client.certificatePem());
            Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs8Pem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** --ca only: verify the server. */
    public ClientTls verifying() {
        return new ClientTls(dir.resolve("ca.pem"), null, null);
    }

    /** --ca, --cert and --key. */
    public ClientTls withClientCertificate() {
        return new ClientTls(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"));
    }

    /** --cert and --key, trusting any server. */
    public ClientTls clientCertificateOnly() {
        return new ClientTls(null, dir.resolve("client.pem"), dir.resolve("client.key"));
    }

    /** A Netty server context (no ALPN) that asks for client certificates as {@code auth} says. */
    public SslContext nettyServer(ClientAuth auth) {
        return build(serverBuilder(auth));
    }

    /** A gRPC server context (ALPN h2). */
    public SslContext grpcServer(ClientAuth auth) {
        return build(GrpcSslContexts.configure(serverBuilder(auth)));
    }

    /** A gRPC server context that speaks only {@code tlsVersion} ("TLSv1.2", "TLSv1.3"). */
    public SslContext grpcServer(ClientAuth auth, String tlsVersion) {
        return build(GrpcSslContexts.configure(serverBuilder(auth)).protocols(tlsVersion));
    }

    /** A server certificate for localhost signed by a CA nobody trusts. */
    public static SslContext untrustedGrpcServer() {
        HeldCertificate other = new HeldCertificate.Builder().certificateAuthority(0).commonName("other CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(other).duration(1, TimeUnit.DAYS)
                .addSubjectAlternativeName("127.0.0.1").build();
        return build(GrpcSslContexts.configure(
                SslContextBuilder.forServer(cert.keyPair().getPrivate(), cert.certificate(), other.certificate())));
    }

    private SslContextBuilder serverBuilder(ClientAuth auth) {
        return SslContextBuilder.forServer(server.keyPair().getPrivate(), server.certificate(), ca.certificate())
                .trustManager(ca.certificate())
                .clientAuth(auth);
    }

    private static SslContext build(SslContextBuilder b) {
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
