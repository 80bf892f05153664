package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.FakeKubeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learn}'s one-line errors and exit codes; nothing is written to --out when it fails. */
class LearnBadInputCliTest {
    @TempDir
    Path dir;

    @Test
    void refusesASelectorThatIsNotKeyEqualsValueWithExitTwo() {
        CliRun run = CliRun.of("learn", "--mode", "port-forward", "--selector", "app");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--selector takes KEY=VALUE, not 'app'");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void refusesDirectModeWithExitTwo() {
        CliRun run = CliRun.of("learn", "--mode", "direct");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("learn reads the cluster: use --mode port-forward or in-cluster");
    }

    @Test
    void refusesAProfileNameThatIsNotADnsNameWithExitTwo() {
        CliRun run = CliRun.of("learn", "--mode", "port-forward", "--name", "Not_A_Name");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--name: 'Not_A_Name' is not a valid profile name");
    }

    @Test
    void exitsThreeWhenTheApiCannotBeReachedAndWritesNothing() throws Exception {
        Path kubeconfig;
        try (FakeKubeApi api = FakeKubeApi.start()) {
            kubeconfig = api.kubeconfig(dir, "gone", "shop", "t0ken-for-tests", Ports.closed());
        }
        Path out = dir.resolve("learned.yaml");
        CliRun run = CliRun.of("learn", "--mode", "port-forward", "--kubeconfig", kubeconfig.toString(),
                "--timeout", "2s", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).doesNotContain("t0ken-for-tests");
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith(".learned"))).isEmpty();
        }
    }

    @Test
    void saysThereIsNothingToLearnInAnEmptyNamespaceWithExitTwo() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            Path kubeconfig = api.kubeconfig(dir, "empty", "nothing-here", "t0ken-for-tests");
            Path out = dir.resolve("learned.yaml");
            CliRun run = CliRun.of("learn", "--mode", "port-forward", "--kubeconfig", kubeconfig.toString(),
                    "--out", out.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("nothing to learn: no Service and no container port in nothing-here");
            assertThat(out).doesNotExist();
        }
    }
}
