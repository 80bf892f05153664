package dev.portprobe.simulate;

import dev.portprobe.probe.ClientTls;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import okhttp3.tls.HeldCertificate;

/**
 * The certificates of one install, made at start-up: one CA, a server certificate per host (its loopback
 * address, localhost and the Service's DNS names as SANs) and a client certificate. The CA and the client's
 * certificate and key are written as PEM files to a temporary directory, deleted on close; server keys stay
 * in memory.
 */
final class InstallPki implements AutoCloseable {
    private static final long VALID_DAYS = 365;

    private final HeldCertificate ca;
    private final HeldCertificate client;
    private final Map<String, HeldCertificate> servers = new ConcurrentHashMap<>();
    private final Path dir;

    InstallPki(String installName) throws IOException {
        ca = new HeldCertificate.Builder().certificateAuthority(0).duration(VALID_DAYS, TimeUnit.DAYS)
                .commonName("portprobe demo CA (" + installName + ")").build();
        client = new HeldCertificate.Builder().signedBy(ca).duration(VALID_DAYS, TimeUnit.DAYS)
                .commonName("portprobe demo client").build();
        dir = Files.createTempDirectory("portprobe-demo-");
        Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        Files.writeString(dir.resolve("client.pem"), client.certificatePem());
        Path key = dir.resolve("client.key");
        Files.writeString(key, client.privateKeyPkcs8Pem());
        ownerOnly(key);
    }

    /** --ca, --cert and --key for the probes. */
    ClientTls clientTls() {
        return new ClientTls(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client.key"));
    }

    Path directory() {
        return dir;
    }

    /** A Netty server context for {@code host}; demands a client certificate when {@code mutual}. */
    SslContext netty(String host, Collection<String> names, boolean mutual) throws SSLException {
        return builder(host, names, mutual).build();
    }

    /** The same for a gRPC server (ALPN h2). */
    SslContext grpc(String host, Collection<String> names, boolean mutual) throws SSLException {
        return GrpcSslContexts.configure(builder(host, names, mutual)).build();
    }

    private SslContextBuilder builder(String host, Collection<String> names, boolean mutual) {
        HeldCertificate cert = servers.computeIfAbsent(host, h -> serverCertificate(h, names));
        return SslContextBuilder.forServer(cert.keyPair().getPrivate(), cert.certificate(), ca.certificate())
                .trustManager(ca.certificate())
                .clientAuth(mutual ? ClientAuth.REQUIRE : ClientAuth.NONE);
    }

    private HeldCertificate serverCertificate(String host, Collection<String> names) {
        HeldCertificate.Builder b = new HeldCertificate.Builder().signedBy(ca).duration(VALID_DAYS, TimeUnit.DAYS)
                .commonName(names.isEmpty() ? host : names.iterator().next())
                .addSubjectAlternativeName(host)
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost");
        names.forEach(b::addSubjectAlternativeName);
        return b.build();
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the temporary directory's own permissions apply
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
