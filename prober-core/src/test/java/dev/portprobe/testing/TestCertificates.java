package dev.portprobe.testing;

import dev.portprobe.probe.ClientTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates made in the test with okhttp-tls: a CA, server certificates for localhost/127.0.0.1 (valid, expired,
 * expiring soon, wrong SAN, signed by another CA) and a client certificate, plus their PEM files for --ca/--cert/--key.
 * Made once per JVM (key generation is slow).
 */
public final class TestCertificates {
    private static final TestCertificates INSTANCE = new TestCertificates();

    public final HeldCertificate ca;
    public final HeldCertificate otherCa;
    public final HeldCertificate server;
    public final HeldCertificate expiredServer;
    public final HeldCertificate soonExpiringServer;
    public final HeldCertificate wrongSanServer;
    public final HeldCertificate foreignServer;
    public final HeldCertificate client;
    public final HeldCertificate foreignClient;
    private final Path dir;

    private TestCertificates() {
        long now = System.currentTimeMillis();
        ca = new HeldCertificate.Builder().commonName("portprobe test CA").certificateAuthority(0).ecdsa256().build();
        otherCa = new HeldCertificate.Builder().commonName("some other CA").certificateAuthority(0).ecdsa256().build();
        server = serverCert("localhost", ca, now - hours(1), now + days(365), "localhost", "127.0.0.1");
        expiredServer = serverCert("expired.localhost", ca, now - days(30), now - days(1), "localhost", "127.0.0.1");
        soonExpiringServer = serverCert("soon.localhost", ca, now - days(30), now + days(5), "localhost", "127.0.0.1");
        wrongSanServer = serverCert("elsewhere", ca, now - hours(1), now + days(365), "elsewhere.example", "10.9.8.7");
        foreignServer = serverCert("localhost", otherCa, now - hours(1), now + days(365), "localhost", "127.0.0.1");
        client = new HeldCertificate.Builder().commonName("portprobe client").signedBy(ca).rsa2048()
                .validityInterval(now - hours(1), now + days(365)).build();
        foreignClient = new HeldCertificate.Builder().commonName("stranger").signedBy(otherCa).ecdsa256()
                .validityInterval(now - hours(1), now + days(365)).build();
        try {
            dir = Files.createTempDirectory("portprobe-certs");
            dir.toFile().deleteOnExit();
            write("ca.pem", ca.certificatePem());
            write("client.pem", client.certificatePem());
            write("client.key", client.privateKeyPkcs8Pem());
            write("client-pkcs1.key", client.privateKeyPkcs1Pem());
            write("foreign-client.pem", foreignClient.certificatePem());
            write("foreign-client.key", foreignClient.privateKeyPkcs8Pem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestCertificates get() {
        return INSTANCE;
    }

    /** A PEM file written for this run: ca.pem, client.pem, client.key, client-pkcs1.key, foreign-client.pem/.key. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Writes {@code text} to a new file in the run's directory and returns it. */
    public Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        p.toFile().deleteOnExit();
        return p;
    }

    public ClientTls withCa() {
        return new ClientTls(file("ca.pem"), null, null);
    }

    public ClientTls withClientCertificate() {
        return new ClientTls(file("ca.pem"), file("client.pem"), file("client.key"));
    }

    public ClientTls withForeignClientCertificate() {
        return new ClientTls(null, file("foreign-client.pem"), file("foreign-client.key"));
    }

    private static HeldCertificate serverCert(String cn, HeldCertificate issuer, long from, long until, String... sans) {
        HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(cn).signedBy(issuer).ecdsa256()
                .validityInterval(from, until);
        for (String san : sans) {
            b.addSubjectAlternativeName(san);
        }
        return b.build();
    }

    private static long hours(int n) {
        return Duration.ofHours(n).toMillis();
    }

    private static long days(int n) {
        return Duration.ofDays(n).toMillis();
    }

    /** Now, for expiry assertions. */
    public static Instant now() {
        return Instant.now();
    }
}
