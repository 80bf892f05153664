package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portprobe.InputException;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reaching the API as kubectl would, and saying in one line why it failed. */
class KubeAccessTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /**
     * For calls that the fake API answers (or whose TLS handshake it fails): long enough for a loaded machine, since
     * these answers come at once and only a slow machine would wait it out.
     */
    private static final Duration ANSWERED = Duration.ofSeconds(3);
    private static final String TOKEN = "sekrit-token-0123456789";
    private static final String NS = GlooInstall.NS;

    @TempDir
    static Path dir;
    private static FakeKubeApi api;

    @BeforeAll
    static void start() {
        api = FakeKubeApi.start();
        try (var admin = api.adminClient()) {
            GlooInstall.load(admin, api.relay());
        }
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void clearFaults() {
        api.clearFaults();
    }

    private static KubeAccess access() throws Exception {
        return KubeAccess.connect(new KubeOptions(api.kubeconfig(dir, "kind-gloo", null, TOKEN), null, null, ANSWERED));
    }

    private static List<Resolution> resolveOne(KubeAccess access) throws Exception {
        try (PortForwardResolver r = new PortForwardResolver(access, NS, GlooInstall.profile(), false)) {
            return r.resolveAll(List.of(GlooInstall.check("rate-limit", 18081)));
        }
    }

    private long servicesLists() {
        return api.requests().stream().filter(r -> r.equals("GET /api/v1/namespaces/gloo-system/services")).count();
    }

    @Test
    void namesTheVerbTheResourceAndTheClusterWhenListingServicesIsForbidden() throws Exception {
        api.fail("GET", "/namespaces/gloo-system/services$", 403, "services is forbidden: User "
                + "\"system:serviceaccount:ci:portprobe\" cannot list resource \"services\" in API group \"\" "
                + "in the namespace \"gloo-system\"", 10);
        long before = servicesLists();
        KubeAccess access = access();
        assertThatThrownBy(() -> resolveOne(access))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("access denied by cluster http://127.0.0.1:" + api.port() + " (context kind-gloo): "
                        + "cannot list services in namespace gloo-system (403 Forbidden): services is forbidden: User "
                        + "\"system:serviceaccount:ci:portprobe\" cannot list resource \"services\" in API group \"\" "
                        + "in the namespace \"gloo-system\"");
        assertThat(servicesLists() - before).as("a 403 is not retried").isEqualTo(1);
    }

    @Test
    void saysRejectedCredentialsHaveExpiredAndNeverShowsTheToken() throws Exception {
        api.fail("GET", "/namespaces/gloo-system/services$", 401, "invalid bearer token " + TOKEN, 10);
        KubeAccess access = access();
        assertThatThrownBy(() -> resolveOne(access))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("credentials rejected by cluster http://127.0.0.1:" + api.port()
                        + " (context kind-gloo) (401 Unauthorized) when trying to list services in namespace gloo-system")
                .hasMessageContaining("expired")
                .satisfies(e -> assertThat(e.toString() + e.getSuppressed()[0]).doesNotContain(TOKEN));
        assertThat(api.authorizations()).contains("Bearer " + TOKEN);
    }

    @Test
    void retriesAServerErrorAndThenSucceeds() throws Exception {
        api.fail("GET", "/namespaces/gloo-system/services$", 503, "etcd leader changed", 2);
        long before = servicesLists();
        List<Resolution> rs = resolveOne(access());
        assertThat(rs.get(0)).isInstanceOf(Resolution.Finding.class);
        assertThat(servicesLists() - before).isEqualTo(3);
    }

    @Test
    void givesUpOnAServerThatKeepsFailingWithinTheRetryBudget() throws Exception {
        api.fail("GET", "/namespaces/gloo-system/services$", 503, "etcd leader changed", 1000);
        long before = servicesLists();
        KubeAccess access = access();
        assertTimeoutPreemptively(ApiCalls.budget(ANSWERED).plusSeconds(5), () ->
                assertThatThrownBy(() -> resolveOne(access))
                        .isInstanceOf(ClusterAccessException.class)
                        .hasMessageContaining("kept failing (503 Service Unavailable) on list services in namespace gloo-system (")
                        .hasMessageContaining(" attempts in "));
        assertThat(servicesLists() - before).isGreaterThan(1);
    }

    @Test
    void reportsAnApiServerThatRefusesWithinTheTimeoutPlusTheRetryBudget() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path kc = kubeconfig("http://127.0.0.1:" + closed, "prod", null);
        KubeAccess access = KubeAccess.connect(new KubeOptions(kc, null, null, TIMEOUT));
        assertTimeoutPreemptively(ApiCalls.budget(TIMEOUT).plusSeconds(5), () ->
                assertThatThrownBy(() -> resolveOne(access))
                        .isInstanceOf(ClusterAccessException.class)
                        .hasMessageStartingWith("cannot reach the API server of cluster http://127.0.0.1:" + closed
                                + " (context prod): connection refused (")
                        .hasMessageContaining(" attempts in "));
    }

    @Test
    void reportsAnApiServerThatNeverAnswersAsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path kc = kubeconfig("http://127.0.0.1:" + silent.getLocalPort(), "prod", null);
            KubeAccess access = KubeAccess.connect(new KubeOptions(kc, null, null, TIMEOUT));
            assertTimeoutPreemptively(ApiCalls.budget(TIMEOUT).plusSeconds(5), () ->
                    assertThatThrownBy(() -> resolveOne(access))
                            .isInstanceOf(ClusterAccessException.class)
                            .hasMessageStartingWith("the API server of cluster http://127.0.0.1:" + silent.getLocalPort()
                                    + " (context prod) did not answer within 300 ms ("));
        }
    }

    @Test
    void doesNotRetryAnApiServerHostThatDoesNotResolve() throws Exception {
        Path kc = kubeconfig("https://api.does-not-exist.invalid:6443", "prod", null);
        KubeAccess access = KubeAccess.connect(new KubeOptions(kc, null, null, TIMEOUT));
        assertThatThrownBy(() -> resolveOne(access))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("cannot resolve the API server host of cluster https://api.does-not-exist.invalid:6443")
                .hasMessageNotContaining("attempts");
    }

    @Test
    void saysWhenTheApiServersCertificateIsNotTrusted() throws Exception {
        okhttp3.tls.HeldCertificate cert = new okhttp3.tls.HeldCertificate.Builder()
                .addSubjectAlternativeName("127.0.0.1").build();
        okhttp3.tls.HandshakeCertificates server = new okhttp3.tls.HandshakeCertificates.Builder()
                .heldCertificate(cert).build();
        try (java.net.ServerSocket tls = server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (java.net.Socket s = tls.accept()) {
                    ((javax.net.ssl.SSLSocket) s).startHandshake();
                } catch (java.io.IOException expected) {
                    // the client gives up on the certificate
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path kc = kubeconfig("https://127.0.0.1:" + tls.getLocalPort(), "prod", null);
            KubeAccess access = KubeAccess.connect(new KubeOptions(kc, null, null, ANSWERED));
            assertThatThrownBy(() -> resolveOne(access))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("TLS with the API server of cluster https://127.0.0.1:" + tls.getLocalPort()
                            + " (context prod) failed: ")
                    .hasMessageEndingWith("check the kubeconfig's certificate-authority (is the server's certificate "
                            + "trusted and for this host?)");
        }
    }

    @Test
    void takesTheNamespaceFromTheFlagThenTheProfileThenTheContext() throws Exception {
        Path kc = kubeconfig("http://127.0.0.1:1", "dev", "team-a");
        try (KubeAccess plain = KubeAccess.connect(new KubeOptions(kc, null, null, TIMEOUT));
             KubeAccess flagged = KubeAccess.connect(new KubeOptions(kc, null, "other", TIMEOUT))) {
            assertThat(flagged.namespaceFor("gloo-system")).isEqualTo("other");
            assertThat(plain.namespaceFor("gloo-system")).isEqualTo("gloo-system");
            assertThat(plain.namespaceFor(null)).isEqualTo("team-a");
        }
        try (KubeAccess bare = KubeAccess.connect(new KubeOptions(kubeconfig("http://127.0.0.1:1", "x", null), null, null, TIMEOUT))) {
            assertThat(bare.namespaceFor(null)).isEqualTo("default");
        }
    }

    @Test
    void usesTheContextNamedByTheFlag() throws Exception {
        Path kc = dir.resolve("two-contexts");
        Files.writeString(kc, """
                apiVersion: v1
                kind: Config
                current-context: staging
                clusters:
                - {name: s, cluster: {server: "https://staging.example:6443"}}
                - {name: p, cluster: {server: "https://prod.example:6443"}}
                contexts:
                - {name: staging, context: {cluster: s, user: u}}
                - {name: prod, context: {cluster: p, user: u, namespace: gloo-prod}}
                users:
                - {name: u, user: {token: abc}}
                """);
        try (KubeAccess access = KubeAccess.connect(new KubeOptions(kc, "prod", null, TIMEOUT))) {
            assertThat(access.cluster()).isEqualTo("https://prod.example:6443 (context prod)");
            assertThat(access.namespaceFor(null)).isEqualTo("gloo-prod");
        }
        assertThatThrownBy(() -> KubeAccess.connect(new KubeOptions(kc, "qa", null, TIMEOUT)))
                .isInstanceOf(InputException.class)
                .hasMessage(kc + ": no context named 'qa' (contexts: prod, staging)");
    }

    @Test
    void reportsAKubeconfigFileThatDoesNotExistAsBadInput() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> KubeAccess.connect(new KubeOptions(missing, null, null, TIMEOUT)))
                .isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such kubeconfig file");
    }

    private static Path kubeconfig(String server, String context, String namespace) throws Exception {
        Path kc = Files.createTempFile(dir, "kubeconfig", ".yaml");
        Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: " + context + "\nclusters:\n"
                + "- {name: c, cluster: {server: \"" + server + "\"}}\ncontexts:\n- {name: " + context
                + ", context: {cluster: c, user: u" + (namespace == null ? "" : ", namespace: " + namespace) + "}}\n"
                + "users:\n- {name: u, user: {token: " + TOKEN + "}}\n");
        return kc;
    }
}
