package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.kube.FakeKubeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Several clusters in one run: two fake API servers (fabric8's mock in CRUD mode), each with its own app whose
 * port-forward reaches a real HTTP server through the kubelet relay, and a third context whose API server is a closed
 * port. The management cluster also has a LoadBalancer Service whose {@code status.loadBalancer.ingress} is a
 * loopback address where a real HTTP server listens: the cross-cluster check must find and dial it.
 */
class FleetCliTest {
    private static final String NS = FakeFleet.NS;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static FakeFleet clusters;
    private static FakeKubeApi mgmt;
    private static FakeKubeApi east;
    private static MockWebServer mgmtApp;
    private static MockWebServer eastApp;
    private static MockWebServer relay;
    private static Path kubeconfig;
    private static Path profile;
    private static Path fleet;

    @BeforeAll
    static void threeContexts() throws Exception {
        clusters = FakeFleet.start(dir);
        mgmt = clusters.mgmt;
        east = clusters.east;
        mgmtApp = clusters.mgmtApp;
        eastApp = clusters.eastApp;
        relay = clusters.relay;
        kubeconfig = clusters.kubeconfig;
        fleet = clusters.fleet;
        profile = clusters.profile;
    }

    @AfterAll
    static void stop() throws Exception {
        if (clusters != null) {
            clusters.close();
        }
    }

    private static CliRun contexts(String output, String... contexts) {
        List<String> args = new ArrayList<>(List.of("probe", "--mode", "port-forward", "-p", profile.toString(),
                "--kubeconfig", kubeconfig.toString(), "--timeout", "3s", "-o", output));
        for (String c : contexts) {
            args.add("--context");
            args.add(c);
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private static CliRun fleet(String output) {
        return CliRun.of("probe", "--fleet", fleet.toString(), "--kubeconfig", kubeconfig.toString(),
                "--timeout", "3s", "-o", output);
    }

    @Test
    void everyResultNamesItsClusterAndAnUnreachableOneGetsItsLineAndExit3() throws Exception {
        int mgmtBefore = mgmtApp.getRequestCount();
        int eastBefore = eastApp.getRequestCount();
        CliRun run = contexts("json", "mgmt", "east", "down");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        JsonNode json = JSON.readTree(run.out());
        List<String> rows = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            rows.add(r.get("cluster").asString() + " " + r.get("namespace").asString() + "/" + r.get("name").asString()
                    + ":" + r.get("port").asInt() + " " + r.get("status").asString() + " " + r.get("pod").asString());
        }
        assertThat(rows).containsExactly("mgmt gloo-mesh/web:80 OK web-mgmt-0", "east gloo-mesh/web:80 OK web-east-0");
        assertThat(json.get("clusters").size()).isEqualTo(3);
        assertThat(json.get("clusters").get(0).get("error").isNull()).isTrue();
        assertThat(json.get("clusters").get(2).get("context").asString()).isEqualTo("down");
        assertThat(json.get("clusters").get(2).get("error").asString()).contains("127.0.0.1");
        assertThat(run.err().lines().filter(l -> l.startsWith("portprobe: cluster down: ")).count()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("t0ken-for-tests");
        // each cluster's bytes crossed its own forward to its own server
        assertThat(mgmtApp.getRequestCount()).isGreaterThan(mgmtBefore);
        assertThat(eastApp.getRequestCount()).isGreaterThan(eastBefore);
        assertThat(mgmt.relay().dialed(NS, "web-mgmt-0", 8080)).isPositive();
        assertThat(east.relay().dialed(NS, "web-east-0", 8080)).isPositive();
    }

    @Test
    void allClustersOkIsExit0AndTheTableGroupsByCluster() {
        CliRun run = contexts("table", "mgmt", "east");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> headings = run.out().lines().filter(l -> l.startsWith("==") || l.endsWith("(service)")).toList();
        assertThat(headings).containsExactly("== cluster mgmt, profile web, namespace gloo-mesh", "web (service)",
                "== cluster east, profile web, namespace gloo-mesh", "web (service)");
        assertThat(run.out()).contains("2 clusters");
    }

    @Test
    void anUnreachableClusterIsOneLineInTheTableAndAnErrorSuiteInJunit() {
        CliRun table = contexts("table", "down", "east");
        assertThat(table.exitCode()).isEqualTo(Cli.CLUSTER);
        assertThat(table.out()).contains("== cluster down, profile web").contains("  UNREACHABLE  ")
                .contains("1 cluster unreachable");
        assertThat(table.out().lines().filter(l -> l.contains("UNREACHABLE")).count()).isEqualTo(1);
        CliRun junit = contexts("junit", "down", "east");
        assertThat(junit.exitCode()).isEqualTo(Cli.CLUSTER);
        assertThat(junit.out()).contains("<testsuite name=\"east/web\"").contains("<testsuite name=\"down (cluster)\"")
                .contains("type=\"CLUSTER_UNREACHABLE\"").contains("<property name=\"cluster\" value=\"east\"");
        CliRun markdown = contexts("markdown", "down", "east");
        assertThat(markdown.out()).contains("| Cluster | Service |").contains("| east | web |")
                .contains("| down | - | - | - | **UNREACHABLE** |");
    }

    @Test
    void theFleetFileRunsEachClusterWithItsProfileAndTheCrossClusterCheckDialsTheLoadBalancer() throws Exception {
        int before = relay.getRequestCount();
        CliRun run = fleet("json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode json = JSON.readTree(run.out());
        List<String> rows = FakeFleet.resultRows(json);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2)).isEqualTo("east relay@mgmt:" + relay.getPort() + " OK 127.0.0.1:" + relay.getPort());
        assertThat(json.get("results").get(2).get("usage").asString()).isEqualTo("management relay");
        assertThat(json.get("notes").toString()).contains("from this machine");
        assertThat(relay.getRequestCount()).isGreaterThan(before);
        CliRun junit = fleet("junit");
        assertThat(junit.out()).contains("<testsuite name=\"east/relay@mgmt\"");
    }

    @Test
    void aCrossClusterServiceWithoutExternalAddressIsUnresolvedAndSaysWhy() throws Exception {
        Path clusterIp = dir.resolve("fleet-clusterip.yaml");
        Files.writeString(clusterIp, "apiVersion: portprobe/v1\nkind: Fleet\nclusters:\n"
                + "  - {name: mgmt, context: mgmt, profile: web.yaml}\n"
                + "  - {name: east, context: east, profile: web.yaml}\n"
                + "crossCluster:\n  - to: {cluster: mgmt, service: web, port: 80}\n");
        CliRun run = CliRun.of("probe", "--fleet", clusterIp.toString(), "--kubeconfig", kubeconfig.toString(),
                "--timeout", "3s", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.FAILED);
        JsonNode cross = JSON.readTree(run.out()).get("results").get(2);
        assertThat(cross.get("name").asString()).isEqualTo("web@mgmt");
        assertThat(cross.get("cluster").asString()).isEqualTo("east");
        assertThat(cross.get("status").asString()).isEqualTo("UNRESOLVED");
        assertThat(cross.get("detail").asString()).contains("has no external address (type ClusterIP)");
    }

    @Test
    void aBadFleetFileIsOneLineWithItsLineAndExit2() throws Exception {
        Path bad = dir.resolve("bad-fleet.yaml");
        Files.writeString(bad, "apiVersion: portprobe/v1\nkind: Fleet\nclusters:\n"
                + "  - {name: mgmt, context: mgmt, profile: web.yaml}\n"
                + "crossCluster:\n  - from: [west]\n    to: {cluster: mgmt, service: relay, port: 9900}\n");
        CliRun run = CliRun.of("probe", "--fleet", bad.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err().strip()).isEqualTo("portprobe: " + bad + ":6: no cluster named 'west' in this fleet "
                + "(clusters: mgmt)");
        assertThat(run.out()).isEmpty();
        CliRun both = CliRun.of("probe", "--fleet", fleet.toString(), "--context", "mgmt");
        assertThat(both.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(both.err()).contains("drop --context");
    }

    @Test
    void aFleetRunLeavesNoThreadSocketOrPortForwardBehind() throws Exception {
        fleet("json"); // warms up class loading and process-wide pools
        RunLeaks.Baseline baseline = RunLeaks.baseline();
        CliRun run = CliRun.of("probe", "--fleet", fleet.toString(), "--kubeconfig", kubeconfig.toString(),
                "--timeout", "3s", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun down = contexts("json", "east", "down");
        assertThat(down.exitCode()).isEqualTo(Cli.CLUSTER);
        assertThat(RunLeaks.eventually(() -> mgmt.relay().openSessions() == 0 && east.relay().openSessions() == 0))
                .isTrue();
        baseline.assertNothingLeft();
    }
}
