package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe -n team-a -n team-b}: one run, the profile planned in each namespace, each result naming its own.
 * The API is the fake one; the port-forwards reach a real HTTP server per namespace through the relay, so a result can
 * only be OK if its bytes crossed the forward of its own namespace's pod.
 */
class NamespacesCliTest {
    private static final String POD_A = "web-5d8c7b6a9-aaaaa";
    private static final String POD_B = "web-5d8c7b6a9-bbbbb";

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static MockWebServer serverA;
    private static MockWebServer serverB;
    private static Path kubeconfig;
    private static Path profile;

    @BeforeAll
    static void twoNamespacesWithTheSameApp() throws Exception {
        api = FakeKubeApi.start();
        serverA = HttpServers.plain(() -> HttpServers.status(200));
        serverB = HttpServers.plain(() -> HttpServers.status(200));
        try (KubernetesClient admin = api.adminClient()) {
            install(admin, "team-a", POD_A, "127.0.0.1", serverA);
            install(admin, "team-b", POD_B, "127.0.0.1", serverB);
        }
        kubeconfig = api.kubeconfig(dir, "teams", null, "t0ken-for-tests");
        profile = dir.resolve("web.yaml");
        Files.writeString(profile, "apiVersion: portprobe/v1\nname: web\nnamespace: default\nservices:\n"
                + "  - name: web\n    ports:\n      - {port: 80, targetPort: 8080, protocol: http, usage: Web UI}\n"
                + "  - name: cache\n    optional: true\n    ports:\n      - {port: 6379, protocol: redis, usage: Cache}\n");
    }

    private static void install(KubernetesClient admin, String ns, String pod, String ip, MockWebServer server) {
        Map<String, String> labels = Map.of("app", "web");
        admin.resource(K8sObjects.pod(ns, pod, labels, ip, true, List.of(K8sObjects.containerPort("http", 8080))))
                .create();
        admin.resource(K8sObjects.service(ns, "web", labels, K8sObjects.servicePort("http", 80, 8080))).create();
        admin.resource(K8sObjects.slice(ns, "web", Map.of("http", 8080), new K8sObjects.Ep(pod, ip, true))).create();
        api.relay().pod(ns, pod, ip);
        api.relay().route(ns, pod, 8080, new InetSocketAddress("127.0.0.1", server.getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {serverA, serverB, api}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static CliRun probe(String output) {
        return CliRun.of("probe", "--mode", "port-forward", "-p", profile.toString(), "-n", "team-a", "-n", "team-b",
                "-o", output, "--kubeconfig", kubeconfig.toString(), "--timeout", "3s");
    }

    @Test
    void probesTheProfileInEveryNamespaceAndEveryResultNamesItsOwn() throws Exception {
        CliRun run = probe("json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("namespace").isNull()).isTrue();
        assertThat(json.get("namespaces").toString()).isEqualTo("[\"team-a\",\"team-b\"]");
        List<String> rows = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            rows.add(r.get("namespace").asString() + "/" + r.get("name").asString() + ":" + r.get("port").asInt() + " "
                    + r.get("status").asString() + " " + r.get("pod").asString("-"));
        }
        assertThat(rows).containsExactly(
                "team-a/web:80 OK " + POD_A,
                "team-a/cache:6379 SKIPPED -",
                "team-b/web:80 OK " + POD_B,
                "team-b/cache:6379 SKIPPED -");
        assertThat(json.get("results").get(1).get("detail").asString()).contains("is not installed in team-a");
        assertThat(json.get("results").get(3).get("detail").asString()).contains("is not installed in team-b");
        assertThat(api.relay().dialed("team-a", POD_A, 8080)).isPositive();
        assertThat(api.relay().dialed("team-b", POD_B, 8080)).isPositive();
        assertThat(serverA.getRequestCount()).isPositive();
        assertThat(serverB.getRequestCount()).isPositive();
    }

    @Test
    void theTableGroupsEachServiceUnderItsNamespace() {
        CliRun run = probe("table");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("profile web, namespaces team-a, team-b, mode port-forward");
        assertThat(run.out().lines().filter(l -> l.endsWith("(service)")).toList())
                .containsExactly("team-a/web (service)", "team-a/cache (service)", "team-b/web (service)",
                        "team-b/cache (service)");
    }

    @Test
    void theJunitSuitesAreNamedAfterNamespaceAndService() {
        CliRun run = probe("junit");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("<testsuite name=\"team-a/web\"").contains("<testsuite name=\"team-b/web\"")
                .contains("classname=\"portprobe.web.team-b.web\"")
                .contains("<property name=\"namespace\" value=\"team-b\"");
    }

    @Test
    void directModeRefusesSeveralNamespaces() {
        CliRun run = CliRun.of("probe", "--mode", "direct", "--host", "127.0.0.1", "-p", profile.toString(),
                "-n", "team-a", "-n", "team-b");
        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err()).contains("several namespaces (-n) need a cluster");
    }
}
