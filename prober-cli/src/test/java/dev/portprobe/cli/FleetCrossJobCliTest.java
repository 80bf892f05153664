package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.kube.FakeKubeApi;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code probe --fleet FILE --cross-from job}: the workload cluster (east) must reach the management cluster's relay,
 * a LoadBalancer whose ingress is a loopback address where a real HTTP server listens. Both clusters are fabric8's
 * mock in CRUD mode; east's {@link JobKubelet} runs the probe Job's container arguments through portprobe's own CLI,
 * so the bytes the report shows really went from "inside east" to the relay.
 */
class FleetCrossJobCliTest {
    private static final String NS = FakeFleet.NS;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    private static FakeFleet clusters;

    @BeforeAll
    static void twoClusters() throws Exception {
        clusters = FakeFleet.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (clusters != null) {
            clusters.close();
        }
    }

    private static CliRun fleetFromJobs() {
        return CliRun.of("probe", "--fleet", clusters.fleet.toString(), "--kubeconfig",
                clusters.kubeconfig.toString(), "--timeout", "3s", "-o", "json", "--cross-from", "job", "--cross-image", "registry.test/portprobe:dev");
    }

    /** Every object a probe Job brings, in the Job's namespace of the cluster (and cluster-wide roles). */
    private static List<String> leftovers(FakeKubeApi api) {
        List<String> left = new ArrayList<>();
        try (KubernetesClient c = api.adminClient()) {
            c.batch().v1().jobs().inNamespace(NS).list().getItems().forEach(o -> left.add("job " + o.getMetadata().getName()));
            c.pods().inNamespace(NS).list().getItems().stream().map(o -> o.getMetadata().getName())
                    .filter(n -> n.startsWith("portprobe")).forEach(n -> left.add("pod " + n));
            c.serviceAccounts().inNamespace(NS).list().getItems().forEach(o -> left.add("sa " + o.getMetadata().getName()));
            c.configMaps().inNamespace(NS).list().getItems().forEach(o -> left.add("cm " + o.getMetadata().getName()));
            c.rbac().roles().inNamespace(NS).list().getItems().forEach(o -> left.add("role " + o.getMetadata().getName()));
            c.rbac().roleBindings().inNamespace(NS).list().getItems()
                    .forEach(o -> left.add("rolebinding " + o.getMetadata().getName()));
            c.rbac().clusterRoles().list().getItems().forEach(o -> left.add("clusterrole " + o.getMetadata().getName()));
        }
        return left;
    }

    @Test
    void theWorkloadClustersJobDialsTheRelayLoadBalancerAndItsResultSitsUnderEast() throws Exception {
        int before = clusters.relay.getRequestCount();
        CliRun run;
        List<Job> jobs;
        try (JobKubelet kubelet = new JobKubelet(clusters.east, JobKubelet.Mode.RUNS, dir)) {
            run = fleetFromJobs();
            jobs = List.copyOf(kubelet.jobs);
        }
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode json = JSON.readTree(run.out());
        List<String> rows = FakeFleet.resultRows(json);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("mgmt web:80 OK ");
        assertThat(rows.get(1)).startsWith("east web:80 OK ");
        int port = clusters.relay.getPort();
        assertThat(rows.get(2)).isEqualTo("east relay@mgmt:" + port + " OK 127.0.0.1:" + port);
        assertThat(json.get("results").get(2).get("usage").asString()).isEqualTo("management relay");
        assertThat(json.get("results").get(2).get("expected").asString()).isEqualTo("http");
        assertThat(json.get("notes").toString()).contains("from a probe Job in each source cluster")
                .doesNotContain("from this machine");
        assertThat(clusters.relay.getRequestCount()).isGreaterThan(before);
        // one Job, in east only, in direct mode: the resolved address, no API access for its pod
        assertThat(jobs).hasSize(1);
        Job job = jobs.get(0);
        assertThat(job.getMetadata().getNamespace()).isEqualTo(NS);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.test/portprobe:dev");
        assertThat(pod.getContainers().get(0).getArgs()).containsSubsequence("--mode", "direct")
                .containsSubsequence("--target", "x0=127.0.0.1");
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(clusters.east.requests())
                .noneMatch(r -> r.startsWith("POST") && r.contains("rbac.authorization.k8s.io"));
        assertThat(clusters.mgmt.requests()).noneMatch(r -> r.startsWith("POST") && r.contains("/jobs"));
        assertThat(leftovers(clusters.east)).isEmpty();
        assertThat(run.err()).doesNotContain("t0ken-for-tests");
    }

    /**
     * Two workload clusters (east, and a third cluster west) must both reach mgmt's relay: their probe Jobs run at the
     * same time. Each kubelet holds its Job until the other has seen one too (or a minute has passed), so a run that
     * created the second Job only after the first had finished fails here, and both clusters are left clean.
     */
    @Test
    void twoSourceClustersJobsExistAtOnceAndBothAreDeleted() throws Exception {
        try (FakeKubeApi west = FakeKubeApi.start();
             mockwebserver3.MockWebServer westApp = dev.portprobe.testing.HttpServers.plain(
                     () -> dev.portprobe.testing.HttpServers.status(200))) {
            try (KubernetesClient admin = west.adminClient()) {
                FakeFleet.install(west, admin, "web-west-0", westApp);
            }
            Path kubeconfig = dir.resolve("kubeconfig-three");
            StringBuilder config = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: mgmt\n"
                    + "clusters:\n");
            StringBuilder contexts = new StringBuilder("contexts:\n");
            for (var c : new Object[][] {{"mgmt", clusters.mgmt}, {"east", clusters.east}, {"west", west}}) {
                config.append("- name: ").append(c[0]).append("\n  cluster: {server: \"http://127.0.0.1:")
                        .append(((FakeKubeApi) c[1]).port()).append("\"}\n");
                contexts.append("- name: ").append(c[0]).append("\n  context: {cluster: ").append(c[0])
                        .append(", user: tester}\n");
            }
            java.nio.file.Files.writeString(kubeconfig, config + contexts.toString()
                    + "users:\n- name: tester\n  user: {token: \"t0ken-for-tests\"}\n");
            Path fleet = java.nio.file.Files.writeString(dir.resolve("fleet-three.yaml"), "apiVersion: portprobe/v1\n"
                    + "kind: Fleet\nclusters:\n"
                    + "  - {name: mgmt, context: mgmt, profile: web.yaml}\n"
                    + "  - {name: east, context: east, profile: web.yaml}\n"
                    + "  - {name: west, context: west, profile: web.yaml}\n"
                    + "crossCluster:\n"
                    + "  - from: [east, west]\n"
                    + "    to: {cluster: mgmt, service: relay, port: " + clusters.relay.getPort() + "}\n"
                    + "    protocol: http\n");
            int before = clusters.relay.getRequestCount();
            var together = new java.util.concurrent.CountDownLatch(2);
            CliRun run;
            JobKubelet eastKubelet = new JobKubelet(clusters.east, JobKubelet.Mode.RUNS, dir, together);
            JobKubelet westKubelet = new JobKubelet(west, JobKubelet.Mode.RUNS, dir, together);
            try (eastKubelet; westKubelet) {
                run = CliRun.of("probe", "--fleet", fleet.toString(), "--kubeconfig", kubeconfig.toString(),
                        "--timeout", "3s", "-o", "json", "--cross-from", "job");
            }
            assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
            assertThat(eastKubelet.jobs).hasSize(1);
            assertThat(westKubelet.jobs).hasSize(1);
            assertThat(eastKubelet.ranTogether).as("east's Job ran while west's existed").isTrue();
            assertThat(westKubelet.ranTogether).as("west's Job ran while east's existed").isTrue();
            List<String> cross = new ArrayList<>();
            for (JsonNode r : JSON.readTree(run.out()).get("results")) {
                if (r.get("name").asString().equals("relay@mgmt")) {
                    cross.add(r.get("cluster").asString() + " " + r.get("status").asString());
                }
            }
            assertThat(cross).containsExactly("east OK", "west OK");
            assertThat(clusters.relay.getRequestCount() - before).isGreaterThanOrEqualTo(2);
            assertThat(leftovers(clusters.east)).isEmpty();
            assertThat(leftovers(west)).isEmpty();
        }
    }

    @Test
    void aJobPodThatCannotStartIsNamedTheRunExits3AndNothingIsLeft() throws Exception {
        CliRun run;
        try (JobKubelet kubelet = new JobKubelet(clusters.east, JobKubelet.Mode.IMAGE_PULL_BACK_OFF, dir)) {
            run = fleetFromJobs();
            assertThat(kubelet.jobs).hasSize(1);
        }
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("portprobe: ")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("cross-cluster probe Job in cluster east").contains("ImagePullBackOff")
                .contains("portprobe-cross-");
        JsonNode json = JSON.readTree(run.out());
        JsonNode cross = json.get("results").get(2);
        assertThat(cross.get("name").asString()).isEqualTo("relay@mgmt");
        assertThat(cross.get("cluster").asString()).isEqualTo("east");
        assertThat(cross.get("status").asString()).isEqualTo("ERROR");
        assertThat(cross.get("detail").asString()).contains("ImagePullBackOff");
        // the clusters' own results are still there
        assertThat(json.get("results").get(0).get("status").asString()).isEqualTo("OK");
        assertThat(json.get("results").get(1).get("status").asString()).isEqualTo("OK");
        assertThat(leftovers(clusters.east)).isEmpty();
    }

    @Test
    void crossFromJobNeedsAFleetAndSaysWhat() {
        CliRun bad = CliRun.of("probe", "--fleet", clusters.fleet.toString(), "--cross-from", "laptop");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err().strip()).isEqualTo("portprobe: --cross-from: is local or job, not 'laptop'");
        CliRun alone = CliRun.of("probe", "--cross-from", "job", "--host", "127.0.0.1");
        assertThat(alone.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(alone.err()).contains("--cross-from").contains("--fleet");
        CliRun image = CliRun.of("probe", "--fleet", clusters.fleet.toString(), "--cross-image", "x:1");
        assertThat(image.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(image.err()).contains("--cross-from job");
        assertThat(bad.out() + alone.out() + image.out()).isEmpty();
    }

    @Test
    void aJobRunLeavesNoThreadOrSocketBehindInThisProcess() throws Exception {
        try (JobKubelet kubelet = new JobKubelet(clusters.east, JobKubelet.Mode.RUNS, dir)) {
            assertThat(fleetFromJobs().exitCode()).isZero(); // warms up class loading and process-wide pools
        }
        RunLeaks.Baseline baseline;
        CliRun run;
        CliRun stuck;
        try (JobKubelet kubelet = new JobKubelet(clusters.east, JobKubelet.Mode.RUNS, dir)) {
            baseline = RunLeaks.baseline();
            run = fleetFromJobs();
        }
        try (JobKubelet kubelet = new JobKubelet(clusters.east, JobKubelet.Mode.IMAGE_PULL_BACK_OFF, dir)) {
            stuck = fleetFromJobs();
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stuck.exitCode()).as(stuck.err()).isEqualTo(Cli.CLUSTER);
        assertThat(RunLeaks.eventually(() -> clusters.mgmt.relay().openSessions() == 0
                && clusters.east.relay().openSessions() == 0)).isTrue();
        baseline.assertNothingLeft();
        assertThat(leftovers(clusters.east)).isEmpty();
    }
}
