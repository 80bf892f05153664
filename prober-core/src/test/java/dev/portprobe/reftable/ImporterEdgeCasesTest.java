package dev.portprobe.reftable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImporterEdgeCasesTest {
    static ImportResult importText(String markdown) throws InputException {
        return ReferenceTableImporter.importText("t.md", markdown, new ImportOptions("t", null));
    }

    static List<String> warnings(ImportResult r, int line) {
        return r.warnings().stream().filter(w -> w.line() == line && w.level() == ImportWarning.Level.WARNING)
                .map(ImportWarning::message).toList();
    }

    @Test
    void aRowRepeatedInALaterSectionIsDroppedWithAWarning() throws InputException {
        ImportResult r = importText("""
                ## One

                | Pod | Port | Usage |
                |-----|------|-------|
                | api | 8080 | HTTP |

                ## Two

                | Pod | Port | Usage |
                |-----|------|-------|
                | api | 8080 | gRPC |
                | api | 9090 | gRPC |
                """);
        assertThat(r.profile().workloads().get(0).ports()).extracting(PortSpec::port).containsExactly(8080, 9090);
        assertThat(r.profile().workloads().get(0).ports().get(0).usage()).isEqualTo("HTTP");
        assertThat(warnings(r, 11)).containsExactly("pod api port 8080 is already listed at line 5 (section 'One');"
                + " kept the first row");
    }

    @Test
    void columnsAreFoundByNameInAnyOrder() throws InputException {
        ImportResult r = importText("""
                | Usage | Target Port | Service | Target | Port |
                |-------|-------------|---------|--------|------|
                | HTTP  | 8080        | web     | web    | 80   |

                | Port | Pod |
                |------|-----|
                | 8080 | web |
                """);
        PortSpec port = r.profile().services().get(0).ports().get(0);
        assertThat(port.port()).isEqualTo(80);
        assertThat(port.targetPort()).isEqualTo(8080);
        assertThat(port.usage()).isEqualTo("HTTP");
        assertThat(r.profile().services().get(0).workload()).isEqualTo("web");
    }

    @Test
    void repairsPortSuffixesNamesAndExtraCellsWithWarnings() throws InputException {
        ImportResult r = importText("""
                | Pod | Port | Usage |
                |-----|------|-------|
                | Edge Proxy | 8080/TCP | HTTP |
                | `cache` | 6379 | Redis | extra |
                | ??? | 1 | x |
                | api | none | x |
                | api | 70000 | x |
                """);
        Profile p = r.profile();
        assertThat(p.workloads()).extracting(w -> w.name()).containsExactly("edge-proxy", "cache");
        assertThat(warnings(r, 3)).contains("pod 'Edge Proxy' is not a Kubernetes name; used edge-proxy",
                "took port 8080 from '8080/TCP'; the rest is ignored");
        assertThat(warnings(r, 4)).contains("row has more cells than the header's 3; the extra cells are ignored");
        assertThat(warnings(r, 5)).contains("no usable pod name in '???'; row skipped");
        assertThat(warnings(r, 6)).contains("no port number in 'none'; row skipped");
        assertThat(warnings(r, 7)).contains("port 70000 is out of range 1..65535; row skipped");
    }

    @Test
    void aPodsTableThatListsPortsExpandsTheListAndSkipsTheRange() throws InputException {
        ImportResult r = importText("""
                | Pod | Port | Usage |
                |-----|------|-------|
                | web | 8080, 8443 | HTTP and HTTPS |
                | web | 30000-32767 | NodePorts |
                """);
        assertThat(r.profile().workloads().get(0).ports()).extracting(PortSpec::port).containsExactly(8080, 8443);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.message())
                .isEqualTo("port list '8080, 8443' expanded to ports [8080, 8443]"));
        assertThat(warnings(r, 4)).anySatisfy(m -> assertThat(m).startsWith("port range '30000-32767' skipped"));
    }

    @Test
    void aServicesTableWithoutTargetColumnsAssumesOnceForTheTable() throws InputException {
        ImportResult r = importText("""
                | Service | Port | Usage |
                |---------|------|-------|
                | web | 80 | HTTP |
                """);
        assertThat(warnings(r, 1)).contains(
                "the Services table has no Target column; every Service is assumed to target the pod of the same name",
                "the Services table has no Target Port column; every target port is assumed to equal the port");
        assertThat(warnings(r, 3)).anySatisfy(m -> assertThat(m).startsWith("Service web targets web, which has no row"));
    }

    @Test
    void aFourCellRowWithANumberKeepsItAsTargetPort() throws InputException {
        ImportResult r = importText("""
                | Pod | Port | Usage |
                |-----|------|-------|
                | web | 8080 | HTTP |

                | Service | Port | Target | Target Port | Usage |
                |---------|------|--------|-------------|-------|
                | web | 80 | web | 8080 |
                | web | 81 | web | http |
                """);
        List<PortSpec> ports = r.profile().services().get(0).ports();
        assertThat(ports.get(0).targetPort()).isEqualTo(8080);
        assertThat(ports.get(0).usage()).isEmpty();
        assertThat(ports.get(1).targetPort()).isEqualTo(81);
        assertThat(ports.get(1).usage()).isEqualTo("http");
        assertThat(warnings(r, 8)).anySatisfy(m -> assertThat(m).isEqualTo(
                "Services row has 4 cells, the header has 5; assumed target port 81 (the port), usage 'http' (the last cell)"));
    }

    @Test
    void aServiceThatChangesTargetKeepsTheFirst() throws InputException {
        ImportResult r = importText("""
                | Pod | Port |
                |-----|------|
                | a | 1 |
                | b | 2 |

                | Service | Port | Target | Target Port |
                |---------|------|--------|-------------|
                | s | 1 | a | 1 |
                | s | 2 | b | 2 |
                """);
        assertThat(r.profile().services().get(0).workload()).isEqualTo("a");
        assertThat(warnings(r, 9)).anySatisfy(m -> assertThat(m).startsWith("Service s targets b here but a"));
    }

    @Test
    void aTableInsideAListOrQuoteIsStillFound() throws InputException {
        ImportResult r = importText("""
                > | Pod | Port | Usage |
                > |-----|------|-------|
                > | web | 8080 | HTTP |
                """);
        assertThat(r.profile().workloads()).hasSize(1);
        assertThat(r.profile().workloads().get(0).ports().get(0).line()).isEqualTo(3);
    }

    @Test
    void deeplyNestedMarkdownDoesNotOverflowTheStack() throws InputException {
        String deep = ">".repeat(20_000) + " text\n\n| Pod | Port |\n|---|---|\n| web | 80 |\n";
        assertThat(importText(deep).profile().workloads()).hasSize(1);
    }

    @Test
    void crlfLineEndingsKeepLineNumbers() throws InputException {
        ImportResult r = importText("---\r\ntitle: T\r\n---\r\n\r\n| Pod | Port |\r\n|---|---|\r\n| web | 80 |\r\n");
        assertThat(r.profile().title()).isEqualTo("T");
        assertThat(r.profile().workloads().get(0).ports().get(0).line()).isEqualTo(7);
    }

    @Test
    void theImportedYamlLoads() throws InputException {
        ImportResult r = importText("| Pod | Port | Usage |\n|---|---|---|\n| web | 80 | \"quoted\" # not a comment: x |\n");
        assertThat(ProfileLoader.load("t.yaml", r.yaml()).workloads().get(0).ports().get(0).usage())
                .isEqualTo("\"quoted\" # not a comment: x");
    }
}
