package dev.portprobe.probe.net;

import dev.portprobe.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and PKCS#8 keys. Every failure is an {@link InputException} naming the file; no message
 * ever contains key material.
 */
public final class PemFiles {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

    private PemFiles() {
    }

    /** Every certificate in a PEM file, in order; at least one. */
    public static List<X509Certificate> certificates(Path file) throws InputException {
        byte[] bytes = read(file);
        if (!new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw problem(file, "no PEM certificate (-----BEGIN CERTIFICATE-----) in the file");
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw problem(file, "no certificate in the file");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw problem(file, "not a readable PEM certificate");
        }
    }

    /** The PKCS#8 private key of a PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey privateKey(Path file) throws InputException {
        String text = new String(read(file), StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(text);
        if (!m.find()) {
            String reason = text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? "the key is PKCS#1/SEC1; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8"
                    : text.contains("ENCRYPTED PRIVATE KEY")
                    ? "the key is encrypted; give an unencrypted PKCS#8 key"
                    : "no PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----) in the file";
            throw problem(file, reason);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw problem(file, "the private key is not valid base64");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        throw problem(file, "the private key is not an RSA, EC or EdDSA PKCS#8 key");
    }

    /** Fails unless {@code key} is the private half of {@code certificate}'s public key. */
    public static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile)
            throws InputException {
        PublicKey pub = certificate.getPublicKey();
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] data = "portprobe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(alg);
            signer.initSign(key);
            signer.update(data);
            byte[] sig = signer.sign();
            Signature verifier = Signature.getInstance(alg);
            verifier.initVerify(pub);
            verifier.update(data);
            if (verifier.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // falls through to the mismatch message
        }
        throw problem(keyFile, "the private key does not match the certificate in " + certFile);
    }

    private static byte[] read(Path file) throws InputException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : "cannot read it (" + e.getClass().getSimpleName() + ")";
            throw problem(file, why);
        }
    }

    private static InputException problem(Path file, String reason) {
        return new InputException(file.toString(), 0, reason);
    }
}
