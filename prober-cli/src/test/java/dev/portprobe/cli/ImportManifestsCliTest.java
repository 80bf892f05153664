package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code import --manifests} on manifests rendered from real charts (prober-core's test resources), then acted out
 * by {@code demo}: the profile is one that {@code probe} accepts, and it runs all OK on the simulated install.
 * Bad input is one line with file:line, exit 2, and no file written.
 */
class ImportManifestsCliTest {
    static final Path MANIFESTS = Path.of("..", "prober-core", "src", "test", "resources", "manifests");

    @ParameterizedTest
    @ValueSource(strings = {"istiod.yaml", "ingress-nginx.yaml", "linkerd-control-plane.yaml", "redis-bitnami.yaml"})
    void everyImportedChartProfileRunsAllOkInTheDemo(String file, @TempDir Path dir) throws Exception {
        Path manifests = MANIFESTS.resolve(file);
        Path yaml = dir.resolve("profile.yaml");
        CliRun imported = CliRun.of("import", "--manifests", manifests.toString(), "--out", yaml.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).isEmpty();
        assertThat(imported.err()).doesNotContain(": info: ").endsWith("wrote " + yaml + "\n");
        Profile profile = ProfileLoader.load(yaml.toString(), Files.readString(yaml));
        int checks = dev.portprobe.plan.Planner.plan(profile).size();
        assertThat(checks).isPositive();

        // A generous deadline: the machine runs several suites at once.
        CliRun demo = CliRun.of("demo", "-p", yaml.toString(), "-o", "json", "--timeout", "60s");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(demo.out());
        assertThat(json.get("results")).hasSize(checks);
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
        }
    }

    @Test
    void guessesAreWarningsWithTheManifestLineAndTheFlagsOfTheMarkdownImportApply() {
        Path manifests = MANIFESTS.resolve("linkerd-control-plane.yaml");
        CliRun run = CliRun.of("import", "--manifests", manifests.toString(), "--name", "l5d", "-n", "linkerd-x",
                "--component", "linkerd-identity");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(manifests + ":63: warning: Deployment linkerd-identity container linkerd-proxy"
                + " port 4143 (linkerd-proxy): protocol tcp is a guess (rule unknown: no rule matched; tcp only proves"
                + " that something listens, and the report says what answers)\n");
        assertThat(run.out()).contains("\nname: l5d\n").contains("\nnamespace: linkerd-x\n")
                .contains("  - name: linkerd-identity\n").doesNotContain("linkerd-destination");
    }

    @Test
    void badManifestsAreOneLineWithFileAndLineExitTwoAndNothingWritten(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"
                + "---\nkind: Deployment\nmetadata: {name: b}\n");
        Path out = dir.resolve("out.yaml");
        CliRun run = CliRun.of("import", "--manifests", bad.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("portprobe: " + bad + ":6: not a Kubernetes object: it has no apiVersion\n");
        assertThat(out).doesNotExist();
    }

    /** {@code --manifests -}: what {@code helm template ... | portprobe import --manifests -} gives. */
    private static CliRun fromStdin(byte[] stdin, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Terminal terminal = new Terminal(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                java.util.Map.of(), false).withIn(new java.io.ByteArrayInputStream(stdin));
        int code = Main.run(terminal, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void readsTheManifestsFromStandardInputAsFromTheFile() throws Exception {
        Path manifests = MANIFESTS.resolve("linkerd-control-plane.yaml");
        CliRun fromFile = CliRun.of("import", "--manifests", manifests.toString(), "--name", "manifests");
        CliRun piped = fromStdin(Files.readAllBytes(manifests), "import", "--manifests", "-");
        assertThat(piped.exitCode()).as(piped.err()).isZero();
        // the same profile, named "manifests" by default, with <stdin> where the file's path was (the title is
        // quoted: YAML would read a plain "<" otherwise)
        String title = "title: \"Imported from the manifests <stdin>\"\n";
        assertThat(piped.out()).contains("\nname: manifests\n").contains(title);
        assertThat(piped.out().replace(title, "")).isEqualTo(fromFile.out().replace(manifests.toString(), "<stdin>")
                .replace("title: Imported from the manifests linkerd-control-plane.yaml\n", ""));
        assertThat(piped.err()).isEqualTo(fromFile.err().replace(manifests.toString(), "<stdin>"))
                .contains("<stdin>:63: warning: Deployment linkerd-identity container linkerd-proxy port 4143");
    }

    @Test
    void badManifestsOnStandardInputAreOneLineWithStdinAndLine(@TempDir Path dir) {
        Path out = dir.resolve("out.yaml");
        CliRun run = fromStdin(("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"
                + "---\nkind: Deployment\nmetadata: {name: b}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "import", "--manifests", "-", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("portprobe: <stdin>:6: not a Kubernetes object: it has no apiVersion\n");
        assertThat(out).doesNotExist();
        CliRun latin1 = fromStdin(new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9, '\n'}, "import", "--manifests", "-");
        assertThat(latin1.exitCode()).isEqualTo(2);
        assertThat(latin1.err()).isEqualTo("portprobe: <stdin>:1: not UTF-8 text\n");
    }

    @Test
    void aMarkdownFileAndManifestsTogetherOrNeitherIsAUsageError() {
        CliRun both = CliRun.of("import", "x.md", "--manifests", "y.yaml");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either FILE.md or --manifests FILE, not both");
        CliRun neither = CliRun.of("import");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("give a Markdown FILE.md or --manifests FILE");
        CliRun columns = CliRun.of("import", "--manifests", MANIFESTS.resolve("istiod.yaml").toString(), "--columns", "port=P");
        assertThat(columns.exitCode()).isEqualTo(2);
        assertThat(columns.err().strip()).isEqualTo("portprobe: --columns: applies to Markdown tables only, not to --manifests");
    }
}
