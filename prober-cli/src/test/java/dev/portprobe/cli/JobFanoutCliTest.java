package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.kube.FakeKubeApi;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** job render and job run with --per-node and --shards, as a user types them. */
class JobFanoutCliTest {
    private static final String TOKEN = "sekr1t-t0ken-of-the-tester";

    @TempDir
    Path dir;

    private static List<String> after(List<String> lines, String marker, int count) {
        int at = lines.indexOf(marker);
        assertThat(at).as(String.join("\n", lines)).isNotNegative();
        return lines.subList(at, Math.min(lines.size(), at + count));
    }

    @Test
    void renderShardsPrintsExactlyTheCheckedInIndexedJob() throws Exception {
        CliRun run = CliRun.of("job", "render", "-p", "gloo-mesh-enterprise", "--shards", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = module.toAbsolutePath().getParent().resolve("src/kubernetes/portprobe-job-shards.yaml");
        assertThat(run.out()).isEqualTo(Files.readString(file));
        assertThat(run.out()).contains("  completionMode: \"Indexed\"\n  completions: 3\n  parallelism: 3\n",
                "  backoffLimitPerIndex: 1\n", "        - \"--shard\"\n        - \"$(JOB_COMPLETION_INDEX)/3\"\n");
        CliRun old = CliRun.of("job", "render", "--shards", "3", "--no-backoff-limit-per-index");
        assertThat(old.out()).doesNotContain("backoffLimitPerIndex").contains("  backoffLimit: 0\n");
    }

    @Test
    void renderPerNodePrintsOneJobPerNodePinnedToItAndNoNodeAccess() {
        CliRun run = CliRun.of("job", "render", "-n", "gloo-system", "--per-node", "--node", "worker-b", "--node",
                "worker-a", "--host-network");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.equals("kind: \"Job\"")).count()).isEqualTo(2);
        assertThat(lines).contains("  name: \"portprobe-n0\"", "  name: \"portprobe-n1\"",
                "      hostNetwork: true", "      dnsPolicy: \"ClusterFirstWithHostNet\"");
        assertThat(String.join("\n", after(lines, "  name: \"portprobe-n0\"", 40)))
                .contains("- key: \"metadata.name\"\n                operator: \"In\"\n                values:\n"
                        + "                - \"worker-a\"");
        assertThat(run.out()).doesNotContain("nodes").doesNotContain("ClusterRole");
    }

    @Test
    void badCombinationsAreUsageErrorsOnOneLine() {
        for (String[] args : List.of(
                new String[] {"job", "render", "--per-node"},
                new String[] {"job", "render", "--per-node", "--node", "a", "--shards", "2"},
                new String[] {"job", "render", "--host-network"},
                new String[] {"job", "render", "--shards", "0"},
                new String[] {"job", "render", "--node", "a"},
                new String[] {"job", "run", "--node-selector", "pool=x"},
                new String[] {"probe", "--shard", "3/3", "--host", "127.0.0.1"},
                new String[] {"probe", "-p", "auto", "--shard", "0/2"})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(Cli.USAGE);
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
        }
        assertThat(CliRun.of("job", "render", "--per-node").err()).contains("--node NAME");
        assertThat(CliRun.of("probe", "--shard", "3/3", "--host", "127.0.0.1").err())
                .contains("--shard: shard index 3 is not from 0 to 2");
    }

    @Test
    void runPerNodeSaysWhyEveryNodeIsLeftOutAndCreatesNothingWhenNoneIsLeft() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            api.adminClient().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-a")
                    .addToLabels("pool", "general").endMetadata().withNewSpec().withUnschedulable(true).endSpec()
                    .build()).create();
            api.adminClient().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-b")
                    .addToLabels("pool", "edge").endMetadata().withNewSpec().endSpec().build()).create();
            String kubeconfig = api.kubeconfig(dir, "prod", null, TOKEN).toString();
            CliRun run = CliRun.of("job", "run", "-n", "gloo-system", "--per-node", "--node-selector", "pool=general",
                    "--timeout", "20s", "--kubeconfig", kubeconfig);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.USAGE);
            assertThat(run.err()).contains("skipping node worker-a: cordoned (spec.unschedulable)")
                    .contains("--per-node: no schedulable node matches --node-selector {pool=general}");
            assertThat(api.requests()).anyMatch(r -> r.contains("/api/v1/nodes?labelSelector=pool%3Dgeneral"))
                    .noneMatch(r -> r.startsWith("POST") && !r.equals("POST /api/v1/nodes")); // the test's own nodes
        }
    }

    @Test
    void runPerNodeDeniedTheNodeListSaysSoAndExitsThree() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            api.fail("GET", "^/api/v1/nodes", 403, "nodes is forbidden: User \"dev\" cannot list resource \"nodes\"",
                    100);
            String kubeconfig = api.kubeconfig(dir, "prod", null, TOKEN).toString();
            CliRun run = CliRun.of("job", "run", "-n", "gloo-system", "--per-node", "--timeout", "20s",
                    "--kubeconfig", kubeconfig);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(Cli.CLUSTER);
            assertThat(run.err()).contains("cannot list nodes").contains("403 Forbidden").doesNotContain(TOKEN);
            assertThat(api.requests()).noneMatch(r -> r.startsWith("POST"));
        }
    }
}
