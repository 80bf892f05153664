package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.job.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    void jobRenderPassesEveryNamespaceToTheProbeInTheJobAndBindsReadAccessInEach() {
        CliRun run = CliRun.of("job", "render", "-p", "gloo-mesh-oss", "-n", "team-a", "-n", "team-b");
        assertThat(run.exitCode()).as(run.err()).isZero();
        java.util.List<String> lines = run.out().lines().toList();
        int args = lines.indexOf("      - args:");
        int env = lines.indexOf("        env:");
        assertThat(args).as(run.out()).isPositive();
        assertThat(lines.subList(args + 1, env).stream().map(l -> l.strip().substring(2)).toList()).containsExactly(
                "\"probe\"", "\"--mode\"", "\"in-cluster\"", "\"-p\"", "\"gloo-mesh-oss\"",
                "\"-n\"", "\"team-a\"", "\"-n\"", "\"team-b\"", "\"-o\"", "\"json\"");
        java.util.List<String> bindings = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("kind: \"RoleBinding\"")) {
                int k = i;
                while (!lines.get(k).startsWith("  namespace: ")) {
                    k++;
                }
                bindings.add(lines.get(k).strip());
            }
        }
        assertThat(bindings).containsExactly("namespace: \"team-a\"", "namespace: \"team-b\"");
    }

    @Test
    void theImageIsTheFlagElsePortprobeImageElseTheTagOfTheOfflineBuild() {
        String[] render = {"job", "render", "-p", "gloo-mesh-enterprise", "-n", "gloo-system"};
        assertThat(CliRun.withEnv(Map.of(), render).out())
                .contains("image: \"" + JobSpec.DEFAULT_IMAGE + "\"").contains("image: \"portprobe:0.1.0\"");
        CliRun fromEnv = CliRun.withEnv(Map.of("PORTPROBE_IMAGE", "registry.example:5000/tools/portprobe:dev"), render);
        assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).contains("image: \"registry.example:5000/tools/portprobe:dev\"")
                .doesNotContain(JobSpec.DEFAULT_IMAGE);
        String[] withFlag = {"job", "render", "-n", "gloo-system", "--image", "mine/portprobe:1"};
        assertThat(CliRun.withEnv(Map.of("PORTPROBE_IMAGE", "registry.example/portprobe:dev"), withFlag).out())
                .contains("image: \"mine/portprobe:1\"").doesNotContain("registry.example");
    }

    @Test
    void jobRenderRefusesAFlagTheJobSetsItself() {
        CliRun run = CliRun.of("job", "render", "-n", "gloo-system", "--", "--mode", "direct");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--mode");
    }
}
