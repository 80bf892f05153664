package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster that denies or cannot be reached: exit 3 and one line on stderr, through the CLI. */
class ClusterAccessCliTest {
    private static final String TOKEN = "sekr1t-t0ken-of-the-tester";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** What one API call may take with its retries (ApiCalls.budget: twice the timeout plus two seconds). */
    private static final Duration RETRY_BUDGET = TIMEOUT.multipliedBy(2).plusSeconds(2);
    /** The run's bound: --timeout plus the retry budget, plus slack for a busy machine. */
    private static final Duration BOUND = TIMEOUT.plus(RETRY_BUDGET).plusSeconds(5);

    @TempDir
    Path dir;

    private static CliRun probe(Path kubeconfig) {
        return probe(kubeconfig, TIMEOUT);
    }

    private static CliRun probe(Path kubeconfig, Duration timeout) {
        return CliRun.of("probe", "--mode", "port-forward", "-n", "gloo-system", "-p", "gloo-mesh-enterprise",
                "-o", "json", "--kubeconfig", kubeconfig.toString(), "--timeout", timeout.toMillis() + "ms");
    }

    private Path kubeconfigFor(String server) throws Exception {
        Path file = dir.resolve("kubeconfig-" + server.hashCode());
        Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
                + "clusters:\n- name: prod\n  cluster: {server: \"" + server + "\"}\n"
                + "contexts:\n- name: prod\n  context: {cluster: prod, user: ops}\n"
                + "users:\n- name: ops\n  user: {token: \"" + TOKEN + "\"}\n");
        return file;
    }

    private static void assertOneLine(CliRun run) {
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("portprobe: ");
        assertThat(run.err()).doesNotContain(TOKEN);
    }

    @Test
    void deniedListingServicesExitsThreeWithOneLineNamingTheVerbAndResource() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            api.fail("GET", "/api/v1/namespaces/gloo-system/services", 403, "services is forbidden: User "
                    + "\"system:serviceaccount:ci:deployer\" cannot list resource \"services\" in API group \"\" in "
                    + "the namespace \"gloo-system\"", 100);
            // The 403 comes at once: a long timeout only keeps a cold mock server on a loaded machine from timing out.
            CliRun run = probe(api.kubeconfig(dir, "prod", null, TOKEN), Duration.ofSeconds(15));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
            assertOneLine(run);
            assertThat(run.err()).contains("access denied by cluster http://127.0.0.1:" + api.port())
                    .contains("cannot list services in namespace gloo-system").contains("403 Forbidden");
        }
    }

    /** {@code job run} as a user would type it; nothing it creates lives long enough to need a pod. */
    private static CliRun jobRun(Path kubeconfig) {
        return CliRun.of("job", "run", "-p", "gloo-mesh-enterprise", "-n", "gloo-system", "--timeout", "20s",
                "--kubeconfig", kubeconfig.toString());
    }

    @Test
    void jobRunDeniedByTheApiSaysWhichClusterVerbAndResourceLikeProbe() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            api.fail("POST", "^/api/v1/namespaces/gloo-system/serviceaccounts", 403, "serviceaccounts is forbidden: "
                    + "User \"dev\" cannot create resource \"serviceaccounts\" in API group \"\" in the namespace "
                    + "\"gloo-system\"", 100);
            CliRun run = jobRun(api.kubeconfig(dir, "prod", null, TOKEN));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
            assertOneLine(run);
            assertThat(run.err()).startsWith("portprobe: access denied by cluster http://127.0.0.1:" + api.port()
                    + " (context prod): cannot create serviceaccounts in namespace gloo-system (403 Forbidden): "
                    + "serviceaccounts is forbidden");
            assertThat(api.adminClient().batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
        }
    }

    @Test
    void jobRunDeniedHalfwayDeletesWhatItCreatedAndNamesTheResource() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            api.fail("POST", "^/apis/rbac.authorization.k8s.io/v1/namespaces/gloo-system/rolebindings", 403,
                    "rolebindings.rbac.authorization.k8s.io is forbidden", 100);
            CliRun run = jobRun(api.kubeconfig(dir, "prod", null, TOKEN));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
            assertOneLine(run);
            assertThat(run.err()).contains("cannot create rolebindings.rbac.authorization.k8s.io in namespace "
                    + "gloo-system (403 Forbidden)");
            var admin = api.adminClient();
            assertThat(admin.serviceAccounts().inNamespace("gloo-system").list().getItems()).isEmpty();
            assertThat(admin.rbac().roles().inNamespace("gloo-system").list().getItems()).isEmpty();
        }
    }

    @Test
    void jobRunAgainstAClosedPortSaysTheApiServerCannotBeReachedLikeProbe() throws Exception {
        String server = "http://127.0.0.1:" + Ports.closed();
        Path kubeconfig = kubeconfigFor(server);
        CliRun run = jobRun(kubeconfig);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        assertOneLine(run);
        assertThat(run.err()).startsWith("portprobe: cannot reach the API server of cluster " + server
                + " (context prod): connection refused").doesNotContain("-1").doesNotContain("An error has occurred");
    }

    @Test
    void refusedApiServerExitsThreeWithinTheTimeoutPlusTheRetryBudget() throws Exception {
        String server = "http://127.0.0.1:" + Ports.closed();
        Path kubeconfig = kubeconfigFor(server);
        CliRun run = assertTimeoutPreemptively(BOUND, () -> probe(kubeconfig));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        assertOneLine(run);
        assertThat(run.err()).contains("cannot reach the API server of cluster " + server + " (context prod)")
                .contains("connection refused").contains("attempts in");
    }

    @Test
    void apiServerThatNeverAnswersExitsThreeWithinTheTimeoutPlusTheRetryBudget() throws Exception {
        try (LoopbackServer silent = LoopbackServer.listen("127.0.0.1", 0)) {
            String server = "http://127.0.0.1:" + silent.port();
            Path kubeconfig = kubeconfigFor(server);
            CliRun run = assertTimeoutPreemptively(BOUND, () -> probe(kubeconfig));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
            assertOneLine(run);
            assertThat(run.err()).contains("the API server of cluster " + server + " (context prod) did not answer "
                    + "within 1000 ms");
            assertThat(silent.accepted()).isPositive();
        }
    }
}
