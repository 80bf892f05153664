package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect} and {@code probe -p auto} against fabric8's mock API (CRUD mode) holding a Gloo Enterprise install
 * (whose pods' ports are real servers behind the port-forward relay), an Istio install with the cluster's core, or
 * nothing at all.
 */
class DetectCliTest {
    @TempDir
    Path dir;

    /** istiod in istio-system, as the istio-discovery chart makes it, with kube-dns, CoreDNS and the API's Service. */
    static List<HasMetadata> istioAndCore() {
        List<HasMetadata> out = new ArrayList<>();
        Map<String, String> istiod = Map.of("app", "istiod", "istio", "pilot");
        out.add(K8sObjects.service("istio-system", "istiod", istiod, K8sObjects.servicePort("grpc-xds", 15010, 15010),
                K8sObjects.servicePort("https-dns", 15012, 15012), K8sObjects.servicePort("https-webhook", 443, 15017)));
        out.add(K8sObjects.deployment("istio-system", "istiod", istiod));
        Map<String, String> dns = Map.of("k8s-app", "kube-dns");
        out.add(K8sObjects.service("kube-system", "kube-dns", dns, K8sObjects.servicePort("dns", 53, 53)));
        out.add(K8sObjects.deployment("kube-system", "coredns", dns));
        out.add(K8sObjects.service("default", "kubernetes", null, K8sObjects.servicePort("https", 443, 6443)));
        return out;
    }

    private static void load(FakeKubeApi api, List<HasMetadata> objects) {
        try (KubernetesClient admin = api.adminClient()) {
            objects.forEach(o -> admin.resource(o).create());
        }
    }

    @Test
    void findsIstioAndTheClusterCoreWithTheirNamespacesAndCommands() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            load(api, istioAndCore());
            Path kubeconfig = api.kubeconfig(dir, "istio", null, "t0ken-for-tests");
            int loaded = api.requests().size();
            CliRun table = CliRun.of("detect", "--kubeconfig", kubeconfig.toString());
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out()).contains("portprobe probe -p istio -n istio-system")
                    .contains("portprobe probe -p kubernetes-core -n kube-system")
                    .contains("portprobe probe -p kubernetes-api -n default")
                    .contains("portprobe probe -p auto")
                    .contains("Deployment istiod (app=istiod,istio=pilot)")
                    .doesNotContain("t0ken-for-tests");
            // README's sample of detect is this run's output, exactly
            String readme = Files.readString(Path.of("..", "README.md"));
            assertThat(readme).as("README sample of detect; the real output is:%n%s", table.out())
                    .contains("$ ./portprobe detect\n" + table.out() + "```");
            CliRun json = CliRun.of("detect", "--kubeconfig", kubeconfig.toString(), "-o", "json");
            JsonNode root = new ObjectMapper().readTree(json.out());
            assertThat(readme).as("README sample of detect -o json; the real output is:%n%s", json.out())
                    .contains("$ ./portprobe detect -o json\n" + json.out() + "```");
            List<String> found = new ArrayList<>();
            root.get("profiles").forEach(p -> found.add(p.get("namespace").asString() + "/" + p.get("profile").asString()));
            assertThat(found).containsExactly("default/kubernetes-api", "istio-system/istio", "kube-system/kubernetes-core");
            assertThat(root.get("command").asString()).isEqualTo("portprobe probe -p auto");
            List<String> made = api.requests().subList(loaded, api.requests().size());
            assertThat(made).as("read-only").isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("GET "));
        }
    }

    @Test
    void findsTheGlooEnterpriseInstallAndProbesItWithProfileAuto() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start(); GlooEnterpriseCluster cluster = GlooEnterpriseCluster.install(api)) {
            Path kubeconfig = api.kubeconfig(dir, "gloo", null, "t0ken-for-tests");
            CliRun detect = CliRun.of("detect", "--kubeconfig", kubeconfig.toString(), "-o", "json");
            assertThat(detect.exitCode()).as(detect.err()).isZero();
            JsonNode profiles = new ObjectMapper().readTree(detect.out()).get("profiles");
            assertThat(profiles).hasSize(1);
            assertThat(profiles.get(0).get("profile").asString()).isEqualTo("gloo-mesh-enterprise");
            assertThat(profiles.get(0).get("namespace").asString()).isEqualTo("gloo-system");
            assertThat(profiles.get(0).get("variants").get(0).asString()).isEqualTo("gloo-mesh-enterprise-mtls");

            CliRun probe = CliRun.of("probe", "-p", "auto", "--mode", "port-forward", "--kubeconfig",
                    kubeconfig.toString(), "--timeout", "5s", "-o", "json");
            JsonNode report = new ObjectMapper().readTree(probe.out());
            assertThat(report.get("profile").asString()).isEqualTo("gloo-mesh-enterprise");
            assertThat(report.get("mode").asString()).isEqualTo("port-forward");
            assertThat(report.get("results")).hasSize(cluster.checks().size());
            List<String> failing = new ArrayList<>();
            for (JsonNode r : report.get("results")) {
                assertThat(r.get("namespace").asString()).isEqualTo("gloo-system");
                String status = r.get("status").asString();
                if (r.get("required").asBoolean() && !status.equals("OK") && !status.equals("SKIPPED")) {
                    failing.add(r.get("name").asString() + ":" + r.get("port").asInt() + " " + r.get("status").asString());
                }
            }
            // the fixture's two faults, as in PortForwardCliTest: the run's exit code says so
            assertThat(failing).containsExactlyInAnyOrder("extauth:8083 REFUSED", "rate-limit:18081 UNRESOLVED");
            assertThat(probe.exitCode()).as(probe.err()).isEqualTo(Cli.FAILED);
        }
    }

    @Test
    void anEmptyClusterHasNoProfileDetectExitsZeroAndProbeAutoIsAnInputError() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            Path kubeconfig = api.kubeconfig(dir, "empty", null, "t0ken-for-tests");
            CliRun table = CliRun.of("detect", "--kubeconfig", kubeconfig.toString());
            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out()).startsWith("no built-in profile applies to this cluster");
            CliRun json = CliRun.of("detect", "--kubeconfig", kubeconfig.toString(), "-o", "json");
            JsonNode root = new ObjectMapper().readTree(json.out());
            assertThat(root.get("profiles")).isEmpty();
            assertThat(root.get("command").isNull()).isTrue();
            CliRun probe = CliRun.of("probe", "-p", "auto", "--mode", "port-forward", "--kubeconfig", kubeconfig.toString());
            assertThat(probe.exitCode()).isEqualTo(Cli.USAGE);
            assertThat(probe.err().strip()).isEqualTo("portprobe: -p auto: no built-in profile applies to this cluster "
                    + "(portprobe detect says what it looks for)");
            assertThat(probe.out()).isEmpty();
        }
    }

    @Test
    void anUnreachableApiServerExitsThreeInOneLine() throws Exception {
        String server = "http://127.0.0.1:" + Ports.closed();
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
                + "clusters:\n- name: prod\n  cluster: {server: \"" + server + "\"}\n"
                + "contexts:\n- name: prod\n  context: {cluster: prod, user: ops}\n"
                + "users:\n- name: ops\n  user: {token: \"t0ken-for-tests\"}\n");
        CliRun run = CliRun.of("detect", "--kubeconfig", kubeconfig.toString(), "--timeout", "1s");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        assertThat(run.err().strip()).startsWith("portprobe: cannot reach the API server of cluster " + server)
                .doesNotContain("\n").doesNotContain("t0ken-for-tests");
        assertThat(run.out()).isEmpty();
    }
}
