package dev.portprobe.reftable;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports acme-port-reference.md, a fixture with the structure of the Gloo seed (see the line numbers in it). */
class ReferenceTableImporterTest {
    static Path fixture;
    static ImportResult result;

    @BeforeAll
    static void importFixture() throws Exception {
        fixture = Path.of(Objects.requireNonNull(
                ReferenceTableImporterTest.class.getResource("acme-port-reference.md")).toURI());
        result = ReferenceTableImporter.importFile(fixture, new ImportOptions(null, "acme-system"));
    }

    static List<ImportWarning> at(int line) {
        return result.warnings().stream().filter(w -> w.line() == line).toList();
    }

    static ServiceSpec service(String name) {
        return result.profile().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static PortSpec pod(String name, int port) {
        return result.profile().workloads().stream().filter(w -> w.name().equals(name))
                .flatMap(w -> w.ports().stream()).filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    @Test
    void importsEveryRowOfBothSectionsIntoOneProfile() {
        Profile p = result.profile();
        assertThat(p.name()).isEqualTo("acme-port-reference");
        assertThat(p.namespace()).isEqualTo("acme-system");
        assertThat(p.title()).isEqualTo("Acme Mesh Port Reference");
        assertThat(p.source()).isEqualTo(fixture.toString());
        assertThat(p.workloads()).extracting(WorkloadSpec::name)
                .containsExactly("webhook", "control", "edge-proxy", "portal", "dashboards", "auth", "cache");
        assertThat(p.workloads().stream().mapToInt(w -> w.ports().size()).sum()).isEqualTo(12);
        assertThat(p.services()).extracting(ServiceSpec::name)
                .containsExactly("webhook", "control", "edge-proxy", "audit-log", "portal", "auth", "acme-dashboards", "cache");
        assertThat(p.services().stream().mapToInt(s -> s.ports().size()).sum()).isEqualTo(11);
        assertThat(pod("control", 7000).line()).isEqualTo(23);
        assertThat(service("acme-dashboards").ports().get(0).line()).isEqualTo(66);
    }

    @Test
    void threeCellServiceRowsAssumeTheirOwnNameAndPortWithAWarning() {
        ServiceSpec portal = service("portal");
        assertThat(portal.workload()).isEqualTo("portal");
        assertThat(portal.ports()).extracting(PortSpec::port, PortSpec::targetPort, PortSpec::usage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8090, 8090, "UI server"),
                org.assertj.core.groups.Tuple.tuple(10101, 10101, "API Server"));
        assertThat(at(63)).anySatisfy(w -> {
            assertThat(w.level()).isEqualTo(ImportWarning.Level.WARNING);
            assertThat(w.message()).isEqualTo("Services row has 3 cells, the header has 5; assumed target portal"
                    + " (the Service's own name), target port 8090 (the port), usage 'UI server' (the last cell)");
        });
        assertThat(at(64)).anySatisfy(w -> assertThat(w.message()).startsWith("Services row has 3 cells"));
    }

    @Test
    void aServiceWithoutPodRowIsKeptWithoutWorkload() {
        assertThat(service("audit-log").workload()).isNull();
        assertThat(service("audit-log").ports().get(0).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(at(38)).anySatisfy(w -> {
            assertThat(w.level()).isEqualTo(ImportWarning.Level.WARNING);
            assertThat(w.message()).startsWith("Service audit-log targets audit-log, which has no row in a pods table;"
                    + " kept the Service without a workload");
        });
    }

    @Test
    void portsMarkedUnusedAreOptionalWithAWarning() {
        assertThat(pod("dashboards", 80).optional()).isTrue();
        assertThat(pod("dashboards", 3000).optional()).isFalse();
        assertThat(at(54)).anySatisfy(w -> {
            assertThat(w.level()).isEqualTo(ImportWarning.Level.WARNING);
            assertThat(w.message()).startsWith("dashboards 80 is marked 'Dashboards (unused)'; made optional");
        });
    }

    @Test
    void noticeShortcodesAndFrontMatterAreNotedAndIgnored() {
        assertThat(at(10)).singleElement().satisfies(w -> {
            assertThat(w.level()).isEqualTo(ImportWarning.Level.INFO);
            assertThat(w.message()).startsWith("Hugo shortcode '{{% notice note %}}' ignored");
        });
        assertThat(at(44)).singleElement().satisfies(w -> assertThat(w.message()).contains("{{% notice info %}}"));
        assertThat(at(1)).anySatisfy(w -> assertThat(w.message()).startsWith("front matter (lines 1-5) skipped"));
    }

    @Test
    void reportsTheProtocolInferredForEveryRow() {
        for (WorkloadSpec w : result.profile().workloads()) {
            for (PortSpec p : w.ports()) {
                assertThat(at(p.line())).as(w.name() + " " + p.port())
                        .anySatisfy(x -> assertThat(x.message()).contains(" -> " + p.protocol().id()).contains("(rule "));
            }
        }
        assertThat(at(23)).singleElement().satisfies(w -> assertThat(w.message())
                .isEqualTo("control 7000 'xDS Server' -> grpc (rule xds: xDS is Envoy's discovery protocol over gRPC)"));
        assertThat(at(53)).singleElement().satisfies(w -> {
            assertThat(w.level()).as("a guess is a warning").isEqualTo(ImportWarning.Level.WARNING);
            assertThat(w.message()).startsWith("portal 10101 'API Server' -> tcp (rule unknown");
        });
    }

    @Test
    void infersTheProtocolsOfTheSeedLikeRows() {
        assertThat(pod("webhook", 8443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(pod("control", 7001).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(pod("control", 7002).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(pod("edge-proxy", 19000).reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(pod("edge-proxy", 19000).http().path()).isEqualTo("/ready");
        assertThat(pod("auth", 8083).grpc().service()).isEqualTo("ext-auth");
        assertThat(pod("cache", 6379).protocol()).isEqualTo(Protocol.REDIS);
        assertThat(service("acme-dashboards").ports().get(0).http().path()).isEqualTo("/api/health");
    }

    @Test
    void theImportRoundTripsThroughWriterAndLoader() throws InputException {
        Profile back = ProfileLoader.load("imported.yaml", result.yaml());
        assertThat(normalized(back)).isEqualTo(normalized(result.profile()));
        assertThat(result.yaml()).startsWith("# Imported by portprobe from ")
                .contains("#   63: Services row has 3 cells");
    }

    @Test
    void everyWarningIsOneLineAndInLineOrder() {
        assertThat(result.warnings()).allSatisfy(w -> {
            assertThat(w.line()).isPositive();
            assertThat(w.message()).doesNotContain("\n").doesNotContain("\r");
        });
        assertThat(result.warnings()).extracting(ImportWarning::line).isSorted();
        assertThat(result.warnings().get(0).format("f.md")).startsWith("f.md:1: info: ");
    }

    @Test
    void aFileWithoutPortTablesIsAnErrorAtLineOne() {
        assertThatThrownBy(() -> ReferenceTableImporter.importText("x.md", "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
                ImportOptions.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("x.md:1: no port tables found");
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> ReferenceTableImporter.importFile(Path.of("/nonexistent.md"), ImportOptions.DEFAULT))
                .isInstanceOf(InputException.class).hasMessage("/nonexistent.md: no such file");
    }

    @Test
    void rejectsAnInvalidNamespaceOption() {
        assertThatThrownBy(() -> ReferenceTableImporter.importFile(fixture, new ImportOptions("x", "Bad_NS")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("--namespace: 'Bad_NS' is not");
    }
}
