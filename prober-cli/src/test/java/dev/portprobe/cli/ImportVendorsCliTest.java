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
 * Other vendors' port tables (prober-core's test resources, each naming its source page), imported through the CLI
 * and then acted out by {@code demo}: every imported profile must run all OK on the simulated install.
 */
class ImportVendorsCliTest {
    static final Path VENDORS = Path.of("..", "prober-core", "src", "test", "resources", "vendors");

    @ParameterizedTest
    @ValueSource(strings = {"istio-ports.md", "linkerd-protocols.md", "consul-ports.md", "rke2-ports.md",
        "malformed-ports.md"})
    void everyImportedVendorProfileRunsAllOkInTheDemo(String file, @TempDir Path dir) throws Exception {
        Path table = VENDORS.resolve(file);
        assertThat(table).isRegularFile();
        Path yaml = dir.resolve(file.replace(".md", ".yaml"));
        CliRun imported = CliRun.of("import", table.toString(), "--out", yaml.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).contains(table + ":").contains(": warning: ");
        Profile profile = ProfileLoader.load(yaml.toString(), Files.readString(yaml));
        int ports = profile.workloads().stream().mapToInt(w -> w.ports().size()).sum()
                + profile.services().stream().mapToInt(s -> s.ports().size()).sum();

        // A generous deadline: the machine runs several suites at once, and the first TLS and gRPC checks of a
        // run load most of those libraries.
        CliRun demo = CliRun.of("demo", "-p", yaml.toString(), "-o", "json", "--timeout", "60s");
        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(demo.out());
        assertThat(json.get("results")).hasSize(ports);
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
        }
        assertThat(json.get("summary").get("ok").asInt()).isEqualTo(ports);
    }

    @Test
    void columnsAndComponentOptionsReadUnusualHeaders() {
        CliRun run = CliRun.of("import", VENDORS.resolve("unusual-headers.md").toString(), "--columns",
                "port=Listener,protocol=Wire,usage=What", "--component", "widget");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  - name: widget\n").contains("{port: 8081, protocol: http, usage: REST API}")
                .contains("{port: 8082, protocol: redis, usage: Cache}");
    }

    @Test
    void anUnknownColumnRoleIsAOneLineInputError() {
        CliRun run = CliRun.of("import", VENDORS.resolve("istio-ports.md").toString(), "--columns", "speed=Fast");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("portprobe: --columns: 'speed' is not a column role");
    }
}
