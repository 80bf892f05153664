package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobRenderCliTest {

    @Test
    void jobRenderPrintsExactlyTheCheckedInManifests() throws Exception {
        CliRun run = CliRun.of("job", "render", "-p", "gloo-mesh-enterprise", "-n", "gloo-system");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = module.toAbsolutePath().getParent().resolve("src/kubernetes/portprobe-job.yaml");
        assertThat(run.out()).isEqualTo(Files.readString(file));
    }

    @Test
    void jobRenderRefusesAFlagTheJobSetsItself() {
        CliRun run = CliRun.of("job", "render", "-n", "gloo-system", "--", "--mode", "direct");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--mode");
    }
}
