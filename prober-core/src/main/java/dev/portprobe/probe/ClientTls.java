package dev.portprobe.probe;

import java.nio.file.Path;

/**
 * TLS material given on the command line.
 *
 * @param ca   PEM bundle of trusted CAs; when set, TLS checks also verify the chain and the host name
 * @param cert PEM client certificate chain, for mTLS ports (with key)
 * @param key  PEM PKCS#8 private key of the client certificate (never printed)
 */
public record ClientTls(Path ca, Path cert, Path key) {
    public static final ClientTls NONE = new ClientTls(null, null, null);

    public boolean verifies() {
        return ca != null;
    }

    public boolean hasClientCertificate() {
        return cert != null && key != null;
    }

    @Override
    public String toString() {
        return "ClientTls[ca=" + ca + ", cert=" + cert + ", key=" + (key == null ? "none" : "(set)") + "]";
    }
}
