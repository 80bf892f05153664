package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * End to end against a real cluster: k3s in a container (testcontainers), a fake Gloo install of public nginx and
 * redis images ({@code e2e/fake-gloo.yaml}), and {@code probe --mode port-forward} through the real API server and
 * kubelet. Opt-in: it runs only with {@code mvn -Pe2e ...} (JUnit tag {@code e2e}), and fails, rather than
 * skipping, when no Docker engine is there, so it is never counted as run where it could not run.
 *
 * <p>The images are pulled by k3s from Docker Hub; {@code -Dportprobe.e2e.k3sImage=rancher/k3s:TAG} picks another
 * k3s.
 */
@Tag("e2e")
class K3sEndToEndTest {
    private static final String NS = "gloo-system";
    private static final String K3S_IMAGE = System.getProperty("portprobe.e2e.k3sImage", "rancher/k3s:v1.31.4-k3s1");
    private static final long READY_MINUTES = 5;

    @TempDir
    static Path dir;
    private static K3sContainer k3s;
    private static Path kubeconfig;
    private static CliRun run;
    private static JsonNode json;

    @BeforeAll
    static void installTheFakeGlooInK3sAndProbeIt() throws Exception {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            fail("the e2e profile needs a Docker engine for testcontainers (k3s), and none was found: start Docker "
                    + "or set DOCKER_HOST; run the other tests without -Pe2e");
        }
        k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
        k3s.start();
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            try (InputStream manifests = resource("e2e/fake-gloo.yaml")) {
                admin.load(manifests).create();
            }
            for (String ready : List.of("gateway-proxy", "redis", "extauth", "glooe-prometheus-server")) {
                admin.apps().deployments().inNamespace(NS).withName(ready).waitUntilReady(READY_MINUTES, TimeUnit.MINUTES);
                waitForSlice(admin, ready, true);
            }
            waitForSlice(admin, "rate-limit", false);
        }
        Path profile = dir.resolve("e2e-gloo.yaml");
        try (InputStream in = resource("e2e/e2e-gloo.yaml")) {
            Files.copy(in, profile);
        }
        run = CliRun.of("probe", "--mode", "port-forward", "-p", profile.toString(), "--kubeconfig",
                kubeconfig.toString(), "--timeout", "5s", "-o", "json");
        json = new ObjectMapper().readTree(run.out());
    }

    @AfterAll
    static void stopK3s() {
        if (k3s != null) {
            k3s.stop();
        }
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(K3sEndToEndTest.class.getClassLoader().getResourceAsStream(name), name);
    }

    /** Waits until the Service's EndpointSlice lists its pod, ready or (for rate-limit) not. */
    private static void waitForSlice(KubernetesClient admin, String service, boolean ready) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(READY_MINUTES);
        while (System.nanoTime() < deadline) {
            List<EndpointSlice> slices = admin.discovery().v1().endpointSlices().inNamespace(NS)
                    .withLabel("kubernetes.io/service-name", service).list().getItems();
            boolean listed = slices.stream()
                    .flatMap(s -> s.getEndpoints() == null ? Stream.<Endpoint>empty() : s.getEndpoints().stream())
                    .anyMatch(e -> !ready || e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()));
            if (listed) {
                return;
            }
            sleep();
        }
        fail("the EndpointSlice of " + service + " never listed a" + (ready ? " ready" : "n") + " endpoint");
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode result(String name, int port) {
        for (JsonNode r : json.get("results")) {
            if (r.get("name").asString().equals(name) && r.get("port").asInt() == port) {
                return r;
            }
        }
        throw new AssertionError("no result " + name + ":" + port + " in " + run.out() + run.err());
    }

    @Test
    void exitsOneForTheRefusedPortAndTheServiceWithoutReadyEndpoints() {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(json.get("mode").asString()).isEqualTo("port-forward");
        assertThat(json.get("namespace").asString()).isEqualTo(NS);
    }

    @Test
    void speaksHttpAndRedisThroughRealPortForwards() {
        JsonNode http = result("gateway-proxy", 80);
        assertThat(http.get("status").asString()).as(http.toString()).isEqualTo("OK");
        assertThat(http.get("observed").asString()).isEqualTo("http");
        assertThat(http.get("endpoint").asString()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(http.get("pod").asString()).startsWith("gateway-proxy-");
        JsonNode redis = result("redis", 6379);
        assertThat(redis.get("status").asString()).as(redis.toString()).isEqualTo("OK");
        assertThat(redis.get("observed").asString()).isEqualTo("redis");
    }

    @Test
    void reportsThePortNothingListensOnInsideThePodAsRefused() {
        JsonNode r = result("extauth", 8083);
        assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("REFUSED");
        assertThat(r.get("pod").asString()).startsWith("extauth-");
    }

    @Test
    void reportsTheDriftedTargetPortAndProbesTheLivePort() {
        JsonNode r = result("glooe-prometheus-server", 80);
        assertThat(r.get("drift").toString()).isEqualTo("{\"targetPort\":{\"table\":9090,\"live\":80}}");
        assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
    }

    @Test
    void reportsTheServiceWithoutReadyEndpointsAsUnresolved() {
        JsonNode r = result("rate-limit", 18081);
        assertThat(r.get("status").asString()).isEqualTo("UNRESOLVED");
        assertThat(r.get("detail").asString()).contains("0 ready endpoints of 1");
    }

    @Test
    void skipsTheOptionalServiceThatIsNotInstalled() {
        assertThat(result("glooe-grafana", 80).get("status").asString()).isEqualTo("SKIPPED");
    }

    /**
     * {@code job run --per-node} in the same cluster: the image {@code mvn -B -Pdist package} builds is imported into
     * k3s's containerd, one Job runs on each schedulable node (k3s has one, untainted), and the merged report carries
     * the node on every result: extauth's 8083 is REFUSED from inside the cluster too. Fails, rather than skips, when
     * the image archive was not built.
     */
    @Test
    void perNodeJobRunPutsEveryResultOnItsNode() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path image = module.resolve("target/jib-image.tar");
        if (!Files.isRegularFile(image)) {
            fail("the per-node e2e test needs the image archive " + image + ": run mvn -B -Pdist package first");
        }
        k3s.copyFileToContainer(org.testcontainers.utility.MountableFile.forHostPath(image), "/tmp/portprobe.tar");
        var imported = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/portprobe.tar");
        assertThat(imported.getExitCode()).as(imported.getStderr()).isZero();
        List<String> nodes;
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            nodes = admin.nodes().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        }
        CliRun perNode = CliRun.of("job", "run", "--per-node", "-p", dir.resolve("e2e-gloo.yaml").toString(),
                "-n", NS, "--kubeconfig", kubeconfig.toString(), "--image", dev.portprobe.job.JobSpec.DEFAULT_IMAGE,
                "--timeout", "5m", "-o", "json", "--", "--timeout", "5s");
        assertThat(perNode.exitCode()).as(perNode.err()).isEqualTo(1);
        dev.portprobe.report.Report report = dev.portprobe.report.JsonReportReader.find(perNode.out(), "job run")
                .orElseThrow();
        assertThat(report.nodes()).containsExactlyElementsOf(nodes);
        assertThat(report.results()).isNotEmpty().allMatch(r -> nodes.contains(r.node()));
        assertThat(report.results()).filteredOn(r -> r.check().name().equals("extauth") && r.check().port() == 8083)
                .isNotEmpty().allMatch(r -> r.status() == dev.portprobe.outcome.Status.REFUSED);
        assertThat(report.results()).filteredOn(r -> r.check().name().equals("redis"))
                .isNotEmpty().allMatch(r -> r.status().ok());
        try (KubernetesClient admin = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
                .withHttpClientFactory(new OkHttpClientFactory()).build()) {
            assertThat(admin.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
        }
    }
}
