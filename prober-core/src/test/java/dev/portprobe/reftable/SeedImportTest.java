package dev.portprobe.reftable;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.SeedRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports the real Gloo seed document: the Gloo Mesh / Gloo Mesh Enterprise port reference, kept byte for byte in
 * the test resources ({@code seeds/gloo-ports.md}) so that the test runs on every machine.
 */
class SeedImportTest {
    static final Path SEED = Path.of("src/test/resources/seeds/gloo-ports.md");
    static ImportResult result;

    @BeforeAll
    static void importSeed() throws InputException {
        assertThat(SEED).isRegularFile();
        result = ReferenceTableImporter.importFile(SEED, new ImportOptions("gloo-seed", "gloo-system"));
    }

    private static List<String> warningsAt(int line) {
        return result.warnings().stream().filter(w -> w.line() == line && w.level() == ImportWarning.Level.WARNING)
                .map(ImportWarning::message).toList();
    }

    @Test
    void holdsEveryRowOfBothTablesOfBothSections() {
        Profile p = result.profile();
        Stream.concat(SeedRows.OSS_PODS.stream(), SeedRows.ENTERPRISE_PODS.stream()).forEach(row ->
                assertThat(SeedRows.pod(p, row.pod(), row.port()).usage()).as(row.toString()).isEqualTo(row.usage()));
        Stream.concat(SeedRows.OSS_SERVICES.stream(), SeedRows.ENTERPRISE_SERVICES.stream()).forEach(row -> {
            PortSpec port = SeedRows.servicePort(p, row.service(), row.port());
            assertThat(port.effectiveTargetPort()).as(row.toString()).isEqualTo(row.targetPort());
            assertThat(port.usage()).as(row.toString()).isEqualTo(row.usage());
            assertThat(SeedRows.service(p, row.service()).workload()).as(row.toString()).isEqualTo(row.target());
        });
        assertThat(p.workloads().stream().mapToInt(w -> w.ports().size()).sum()).isEqualTo(18);
        assertThat(p.services().stream().mapToInt(s -> s.ports().size()).sum()).isEqualTo(17);
    }

    @Test
    void warnsWithLineNumbersForEachMalformedRow() {
        for (int line : new int[] {106, 107, 108}) {
            assertThat(warningsAt(line)).anySatisfy(m -> assertThat(m).startsWith("Services row has 3 cells, the header"
                    + " has 5; assumed target gloo-fed-console (the Service's own name), target port "));
        }
        assertThat(warningsAt(60)).anySatisfy(m -> assertThat(m).startsWith("Service access-log targets access-log,"
                + " which has no row in a pods table"));
        assertThat(warningsAt(91)).anySatisfy(m -> assertThat(m).contains("'Grafana (unused)'; made optional"));
        assertThat(result.warnings()).anySatisfy(w -> {
            assertThat(w.line()).isEqualTo(9);
            assertThat(w.message()).contains("{{% notice note %}}");
        });
    }

    @Test
    void theTwoSectionsDoNotCollide() {
        assertThat(result.warnings()).noneSatisfy(w -> assertThat(w.message()).contains("already listed"));
    }

    @Test
    void agreesWithTheBuiltinEnterpriseProfileOnEveryPortItKnows() throws InputException {
        Profile builtin = ProfileLoader.builtin("gloo-mesh-enterprise");
        for (ServiceSpec s : result.profile().services()) {
            for (PortSpec port : s.ports()) {
                PortSpec known = SeedRows.servicePort(builtin, s.name(), port.port());
                assertThat(port.protocol().isGrpc()).as(s.name() + " " + port.port())
                        .isEqualTo(known.protocol().isGrpc());
                assertThat(port.grpc()).as(s.name() + " " + port.port()).isEqualTo(known.grpc());
            }
        }
    }

    @Test
    void loadsBackThroughTheWriter() throws InputException {
        Profile back = ProfileLoader.load("seed.yaml", result.yaml());
        assertThat(normalized(back)).isEqualTo(normalized(result.profile()));
    }
}
