package dev.portprobe.cli;

import static dev.portprobe.testing.kube.GlooEnterpriseCluster.NS;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.PROFILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.kube.ApiLink;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --mode port-forward} when the Kubernetes API fails during the run: exit 3, one line on stderr that
 * blames the API, and the report of what was gathered, on stdout and in the files asked for.
 */
class ApiLostCliTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private FakeKubeApi api;
    private GlooEnterpriseCluster cluster;
    private ApiLink link;

    @BeforeEach
    void install() throws Exception {
        api = FakeKubeApi.start();
        cluster = GlooEnterpriseCluster.install(api);
        link = ApiLink.to(api);
    }

    @AfterEach
    void uninstall() {
        link.close();
        cluster.close();
        api.close();
    }

    private CliRun probe(String wait, java.util.function.Consumer<String> onErrLine) throws Exception {
        Path kubeconfig = api.kubeconfig(dir, "gloo-ee", null, "t0ken-for-tests", link.port());
        return CliRun.watchingErr(Map.of(), onErrLine, "probe", "--mode", "port-forward", "-n", NS, "-p", PROFILE,
                "-o", "json", "--out-junit", dir.resolve("portprobe.xml").toString(), "--kubeconfig",
                kubeconfig.toString(), "--timeout", "3s", "--wait", wait);
    }

    private static String lastLine(String err) {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static JsonNode result(JsonNode report, String id) {
        for (JsonNode r : report.get("results")) {
            if ((r.get("name").asString() + ":" + r.get("port").asInt()).equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result " + id);
    }

    @Test
    void exitsThreeAndKeepsRoundOnesVerdictsWhenTheApiStopsDuringWait() throws Exception {
        // extauth refuses inside its pod, so --wait goes on; the API server goes away as round 1 ends.
        CliRun run = assertTimeoutPreemptively(BOUND, () -> probe("60s", line -> {
            if (line.startsWith("waiting: round 1,")) {
                link.stop();
            }
        }));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        assertThat(lastLine(run.err())).startsWith("portprobe: cannot reach the API server of cluster "
                + "http://127.0.0.1:" + link.port()).contains("results of round 1");
        JsonNode report = new ObjectMapper().readTree(run.out());
        for (String id : GlooEnterpriseCluster.healthyIds()) {
            assertThat(result(report, id).get("status").asString()).as(result(report, id).toString()).isEqualTo("OK");
        }
        assertThat(result(report, "extauth:8083").get("status").asString()).isEqualTo("REFUSED");
        assertThat(report.get("apiError").asString()).isEqualTo(lastLine(run.err()).substring("portprobe: ".length()));
        assertThat(Files.readString(dir.resolve("portprobe.xml"))).contains("<testsuite");
    }

    @Test
    void exitsThreeAndBlamesTheApiWhenEveryPortForwardUpgradeIsAnswered500() throws Exception {
        api.fail("GET", "/portforward", 500, "etcdserver: leader changed", 100_000);
        CliRun run = assertTimeoutPreemptively(BOUND, () -> probe("0s", line -> { }));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("portprobe: the API server of cluster")
                .contains("failed during the run").contains("answered 500 Internal Server Error");
        JsonNode report = new ObjectMapper().readTree(run.out());
        for (String id : GlooEnterpriseCluster.healthyIds()) {
            JsonNode r = result(report, id);
            assertThat(r.get("status").asString()).as(id).isEqualTo("ERROR");
            assertThat(r.get("detail").asString()).as(id).contains("port-forward upgrade")
                    .contains("answered 500 Internal Server Error");
            assertThat(r.get("hint").asString()).as(id).contains("kubectl cluster-info");
        }
        assertThat(result(report, "rate-limit:18081").get("status").asString()).isEqualTo("UNRESOLVED");
    }
}
