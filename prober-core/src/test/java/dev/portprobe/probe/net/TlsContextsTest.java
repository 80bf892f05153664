package dev.portprobe.probe.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TlsContextsTest {
    private static final TestCertificates CERTS = TestCertificates.get();

    @Test
    void loadsACaBundleAndAClientCertificate() throws Exception {
        TlsContexts contexts = TlsContexts.load(CERTS.file("ca.pem"), CERTS.file("client.pem"), CERTS.file("client.key"));

        assertThat(contexts.verifies()).isTrue();
        assertThat(contexts.presentsCertificate()).isTrue();
        assertThat(contexts.client(TlsContexts.ALPN_H2)).isSameAs(contexts.client(TlsContexts.ALPN_H2));
        assertThat(contexts.client(TlsContexts.ALPN_H2)).isNotSameAs(contexts.unverified(TlsContexts.ALPN_H2));
    }

    @Test
    void namesAMissingFile() {
        Path missing = CERTS.file("nope.pem");
        assertThatThrownBy(() -> TlsContexts.load(missing, null, null))
                .isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void namesACaFileThatHoldsNoCertificate() throws Exception {
        Path notPem = CERTS.write("not-a-cert.pem", "hello\n");
        assertThatThrownBy(() -> TlsContexts.load(notPem, null, null))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(notPem + ": no PEM certificate");
    }

    @Test
    void explainsHowToConvertAPkcs1KeyWithoutPrintingIt() throws Exception {
        Path key = CERTS.file("client-pkcs1.key");
        String body = Files.readString(key).lines().skip(1).findFirst().orElseThrow();

        assertThatThrownBy(() -> TlsContexts.load(null, CERTS.file("client.pem"), key))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(key + ": the key is PKCS#1/SEC1; convert it with: openssl pkcs8")
                .hasMessageNotContaining(body);
    }

    @Test
    void refusesAKeyThatDoesNotMatchTheCertificate() {
        Path key = CERTS.file("foreign-client.key");
        assertThatThrownBy(() -> TlsContexts.load(null, CERTS.file("client.pem"), key))
                .isInstanceOf(InputException.class)
                .hasMessage(key + ": the private key does not match the certificate in " + CERTS.file("client.pem"));
    }

    @Test
    void wantsBothCertAndKey() {
        assertThatThrownBy(() -> TlsContexts.load(null, CERTS.file("client.pem"), null))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("a client certificate needs both --cert and --key");
    }

    @Test
    void keepsALoadProblemForTheFirstUse() {
        TlsContexts later = TlsContexts.loadLater(CERTS.file("nope.pem"), null, null);

        assertThatThrownBy(() -> later.client(TlsContexts.ALPN_H2))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("nope.pem");
    }
}
