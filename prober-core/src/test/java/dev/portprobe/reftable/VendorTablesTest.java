package dev.portprobe.reftable;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.WorkloadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Imports other vendors' port tables, copied from their public pages into {@code vendors/} (each file names its
 * source), and variants that go wrong. Line numbers point into those files.
 */
class VendorTablesTest {
    /** Whether this build has the dns protocol (issue 12); DNS rows are comments until it does. */
    static final boolean DNS = Protocol.fromId("dns").isPresent();

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(VendorTablesTest.class.getResourceAsStream("/vendors/" + name),
                name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ImportResult importVendor(String file, ImportOptions options) throws InputException {
        return ReferenceTableImporter.importText(file, resource(file), options);
    }

    static ImportResult importVendor(String file) throws InputException {
        return importVendor(file, new ImportOptions(file.replace(".md", ""), null));
    }

    static PortSpec port(ImportResult r, String workload, int port) {
        return r.profile().workloads().stream().filter(w -> w.name().equals(workload))
                .flatMap(w -> w.ports().stream()).filter(p -> p.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no " + workload + " " + port + " in " + r.yaml()));
    }

    static Optional<PortSpec> find(ImportResult r, int port) {
        return r.profile().workloads().stream().flatMap(w -> w.ports().stream()).filter(p -> p.port() == port)
                .findFirst();
    }

    static List<String> warningsAt(ImportResult r, int line) {
        return r.warnings().stream().filter(w -> w.line() == line && w.level() == ImportWarning.Level.WARNING)
                .map(ImportWarning::message).toList();
    }

    static List<String> infosAt(ImportResult r, int line) {
        return r.warnings().stream().filter(w -> w.line() == line && w.level() == ImportWarning.Level.INFO)
                .map(ImportWarning::message).toList();
    }

    @Test
    void istioSidecarAndControlPlaneTablesNameTheirComponentsFromTheTextAboveThem() throws InputException {
        ImportResult r = importVendor("istio-ports.md");
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name).containsExactly("envoy", "istiod");
        assertThat(warningsAt(r, 20)).anySatisfy(m -> assertThat(m).startsWith("the table has no component column;"
                + " its rows belong to envoy, named by the paragraph above the table"));
        assertThat(warningsAt(r, 35)).anySatisfy(m -> assertThat(m).startsWith("the table has no component column;"
                + " its rows belong to istiod, named by the paragraph above the table 'The following ports"));
    }

    @Test
    void istioProtocolWordsAndPodInternalFlagsMapToPortprobesVocabulary() throws InputException {
        ImportResult r = importVendor("istio-ports.md");
        PortSpec admin = port(r, "envoy", 15000);
        assertThat(admin.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(admin.http().path()).isEqualTo("/ready");
        assertThat(admin.reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(infosAt(r, 22)).singleElement().asString().contains("pod-local (column 'Pod-internal only' says"
                + " 'Yes')").contains("the table says 'TCP'; rule envoy-admin");
        assertThat(port(r, "envoy", 15004).reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(port(r, "envoy", 15001)).extracting(PortSpec::protocol, PortSpec::reach)
                .containsExactly(Protocol.TCP, Reach.NETWORK);
        assertThat(port(r, "envoy", 15008).protocol()).as("H2 with mTLS in the usage").isEqualTo(Protocol.MTLS);
        assertThat(port(r, "envoy", 15009).protocol()).as("H2C: no plain HTTP/2 probe").isEqualTo(Protocol.TCP);
        assertThat(warningsAt(r, 27)).singleElement().asString().contains("no plain HTTP/2 probe");
        assertThat(port(r, "envoy", 15020).http().path()).as("Prometheus telemetry is no Prometheus server")
                .isEqualTo("/");
        assertThat(port(r, "istiod", 443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(port(r, "istiod", 15010).protocol()).as("Plaintext").isEqualTo(Protocol.GRPC);
        assertThat(port(r, "istiod", 15012).protocol()).as("TLS and mTLS").isEqualTo(Protocol.GRPC_TLS);
        assertThat(port(r, "istiod", 15014).reach()).as("'No' in Local host only").isEqualTo(Reach.NETWORK);
    }

    @Test
    void istioDnsRowIsACommentUntilThisBuildHasDns() throws InputException {
        ImportResult r = importVendor("istio-ports.md");
        if (DNS) {
            assertThat(port(r, "envoy", 15053).protocol().id()).isEqualTo("dns");
            assertThat(port(r, "envoy", 15053).reach()).isEqualTo(Reach.POD_LOCAL);
            assertThat(r.notProbed()).isEmpty();
        } else {
            assertThat(find(r, 15053)).isEmpty();
            assertThat(r.notProbed()).singleElement().satisfies(n -> {
                assertThat(n.line()).isEqualTo(30);
                assertThat(n.component()).isEqualTo("envoy");
                assertThat(n.reason()).startsWith("DNS");
            });
            assertThat(warningsAt(r, 30)).singleElement().asString().contains("kept as a comment, not probed: DNS");
            assertThat(r.yaml()).contains("#   30: envoy {port: 15053, protocol: DNS, usage: DNS port, if capture is"
                    + " enabled}: DNS");
        }
    }

    @Test
    void linkerdProtocolTableExpandsPortListsAndDropsTheRepeatedPort() throws InputException {
        ImportResult r = importVendor("linkerd-protocols.md", new ImportOptions("linkerd", null, Map.of(), "opaque"));
        List<Integer> ports = r.profile().workloads().get(0).ports().stream().map(PortSpec::port).toList();
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name).containsExactly("opaque");
        assertThat(ports).containsExactly(25, 587, 3306, 4444, 4567, 4568, 5432, 6379, 9300, 11211, 4222, 6222,
                8222);
        assertThat(infosAt(r, 19)).contains("port list '25, 587' expanded to ports [25, 587]");
        assertThat(warningsAt(r, 21)).contains("pod opaque port 3306 is already listed at line 20; kept the first row");
        assertThat(port(r, "opaque", 6379).protocol()).isEqualTo(Protocol.REDIS);
        assertThat(port(r, "opaque", 25)).extracting(PortSpec::protocol, PortSpec::usage)
                .containsExactly(Protocol.TCP, "SMTP");
        assertThat(port(r, "opaque", 4567).usage()).startsWith("MySQL with Galera: Ports 4567 and 4568");
        assertThat(infosAt(r, 17)).contains("the table has no component column; its rows belong to opaque"
                + " (--component)");
    }

    @Test
    void withoutComponentALinkerdTableBelongsToTheProfileNameWithAWarning() throws InputException {
        ImportResult r = importVendor("linkerd-protocols.md");
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name).containsExactly("linkerd-protocols");
        assertThat(warningsAt(r, 17)).contains("column 'Standard ports' taken as the port (use --columns port=HEADER"
                + " to choose another)").anySatisfy(m -> assertThat(m).startsWith("the table has no component column"
                + " and the text above it names none; its rows belong to linkerd-protocols"));
    }

    @Test
    void consulTableReadsLinksCodeSpansPortNamesAndDefaultStatus() throws InputException {
        ImportResult r = importVendor("consul-ports.md");
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name).containsExactly("consul-servers");
        assertThat(port(r, "consul-servers", 8500)).extracting(PortSpec::protocol, PortSpec::usage, PortSpec::optional)
                .containsExactly(Protocol.HTTP, "HTTP: The HTTP API", false);
        assertThat(port(r, "consul-servers", 8501)).extracting(PortSpec::protocol, PortSpec::optional)
                .containsExactly(Protocol.HTTPS, true);
        assertThat(warningsAt(r, 24)).contains("consul-servers '8501' is 'Disabled' by default; made optional (probed"
                + " and reported, but a failure does not fail the run)");
        assertThat(port(r, "consul-servers", 8502).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(port(r, "consul-servers", 8503).protocol()).isEqualTo(Protocol.GRPC_TLS);
        assertThat(port(r, "consul-servers", 8301).protocol()).as("TCP and UDP: the TCP side").isEqualTo(Protocol.TCP);
        assertThat(find(r, 443)).as("the HCP port column is not the port").isEmpty();
        assertThat(DNS ? port(r, "consul-servers", 8600).protocol().id() : r.notProbed().get(0).port())
                .isEqualTo(DNS ? "dns" : "8600");
    }

    @Test
    void rke2TablesTakeTheDestinationAsComponentAndKeepUdpAndIcmpAsComments() throws InputException {
        ImportResult r = importVendor("rke2-ports.md");
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name)
                .containsExactly("rke2-server-nodes", "all-rke2-nodes");
        assertThat(port(r, "rke2-server-nodes", 6443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(port(r, "all-rke2-nodes", 10250).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(port(r, "rke2-server-nodes", 2381).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(warningsAt(r, 29)).anySatisfy(m -> assertThat(m).startsWith("port range '30000-32767' skipped"));
        assertThat(find(r, 30000)).isEmpty();
        assertThat(r.notProbed()).extracting(ImportResult.NotProbed::line).containsExactly(39, 41, 42, 49, 51, 52, 60,
                70, 79);
        assertThat(r.notProbed().get(3)).extracting(ImportResult.NotProbed::port, ImportResult.NotProbed::reason)
                .containsExactly("8/0", "ICMP cannot be probed over TCP");
        assertThat(warningsAt(r, 63)).contains("pod all-rke2-nodes port 9099 is already listed at line 40; kept the"
                + " first row");
        assertThat(warningsAt(r, 23)).contains("component 'RKE2 server nodes' is not a Kubernetes name; used"
                + " rke2-server-nodes");
        assertThat(warningsAt(r, 24)).as("a repaired name is warned once per table").isEmpty();
        assertThat(port(r, "all-rke2-nodes", 179).line()).as("columns in another order (Windows table)").isEqualTo(59);
    }

    @Test
    void malformedTablesAreRepairedOrSkippedRowByRowWithTheirLines() throws InputException {
        ImportResult r = importVendor("malformed-ports.md");
        assertThat(r.profile().workloads()).extracting(WorkloadSpec::name)
                .containsExactly("edge-gw", "controller", "webhook");
        assertThat(warningsAt(r, 10)).as("a second header row").contains("no port number in '(number)'; row skipped");
        PortSpec admin = port(r, "edge-gw", 9901);
        assertThat(admin).as("code spans, entities, a <br> header").extracting(PortSpec::protocol, PortSpec::usage,
                PortSpec::reach).containsExactly(Protocol.HTTP, "Admin & stats", Reach.POD_LOCAL);
        assertThat(warningsAt(r, 12)).contains("row has 2 cells, the header has 4; the missing cells are read as empty");
        assertThat(port(r, "edge-gw", 8443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(warningsAt(r, 13)).contains("no port number in ''; row skipped");
        assertThat(port(r, "edge-gw", 8080).usage()).isEqualTo("Plain <HTTP> listener");
        assertThat(port(r, "edge-gw", 9091).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(warningsAt(r, 21)).singleElement().asString().contains("read as a group row");
        assertThat(port(r, "controller", 7070).protocol()).isEqualTo(Protocol.GRPC_TLS);
        assertThat(port(r, "controller", 7071).protocol()).isEqualTo(Protocol.MTLS);
        assertThat(port(r, "webhook", 9443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(warningsAt(r, 26)).anySatisfy(m -> assertThat(m).startsWith("port range '10000-10100' skipped"));
        assertThat(r.notProbed()).singleElement().extracting(ImportResult.NotProbed::line).isEqualTo(27);
    }

    @Test
    void columnsOverrideAndComponentReadATableWithUnknownHeaders() throws InputException {
        assertThatThrownBy(() -> importVendor("unusual-headers.md")).isInstanceOf(InputException.class)
                .hasMessageContaining("unusual-headers.md:1: no port tables found")
                .hasMessageContaining("--columns port=HEADER");
        ImportResult r = importVendor("unusual-headers.md", new ImportOptions("w", null,
                Map.of("port", "Listener", "Protocol", "wire", "usage", "What"), "widget"));
        assertThat(port(r, "widget", 8081)).extracting(PortSpec::protocol, PortSpec::usage)
                .containsExactly(Protocol.HTTP, "REST API");
        assertThat(port(r, "widget", 8082).protocol()).isEqualTo(Protocol.REDIS);
    }

    @Test
    void badColumnsAndComponentOptionsAreInputErrors() {
        assertThatThrownBy(() -> importVendor("istio-ports.md", new ImportOptions("i", null, Map.of("speed", "x"),
                null))).isInstanceOf(InputException.class).hasMessageStartingWith("--columns: 'speed' is not a column"
                + " role; use component, port, protocol, reach, service, target, target-port, usage");
        assertThatThrownBy(() -> importVendor("istio-ports.md", new ImportOptions("i", null, Map.of(), "Not_A_Name")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("--component: 'Not_A_Name' is not");
        assertThatThrownBy(() -> importVendor("istio-ports.md", new ImportOptions("i", null,
                Map.of("port", "Listener"), null))).isInstanceOf(InputException.class)
                .hasMessageContaining("named 'Listener' as --columns says");
    }

    @ParameterizedTest
    @ValueSource(strings = {"istio-ports.md", "linkerd-protocols.md", "consul-ports.md", "rke2-ports.md",
        "malformed-ports.md"})
    void everyImportedProfileLoadsBackAsTheSameProfile(String file) throws InputException {
        ImportResult r = importVendor(file);
        assertThat(normalized(ProfileLoader.load("imported.yaml", r.yaml()))).isEqualTo(normalized(r.profile()));
        assertThat(r.warnings()).allSatisfy(w -> assertThat(w.line()).isPositive());
        assertThat(r.warnings()).extracting(ImportWarning::line).isSorted();
    }
}
