package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String json(Report report) {
        return Renderers.of(Format.JSON, RenderOptions.PLAIN).renderToString(report);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        names.addAll(node.propertyNames());
        return names;
    }

    @Test
    void writesTheTopLevelFieldsInDesignOrder() throws Exception {
        JsonNode root = MAPPER.readTree(json(SampleReports.everyStatus()));
        assertThat(fieldNames(root)).containsExactly("schema", "profile", "mode", "namespace", "namespaces", "startedAt",
                "durationMs", "summary", "results", "notes", "apiError", "clusters");
        assertThat(root.get("clusters").isEmpty()).isTrue();
        assertThat(root.get("apiError").isNull()).isTrue();
        assertThat(root.get("schema").asString()).isEqualTo("portprobe/v1");
        assertThat(root.get("startedAt").asString()).isEqualTo("2026-11-26T15:00:00.125Z");
        assertThat(root.get("durationMs").asLong()).isEqualTo(812);
        assertThat(fieldNames(root.get("summary"))).containsExactly("total", "ok", "failed", "skipped", "warnings");
        assertThat(root.get("summary").toString())
                .isEqualTo("{\"total\":12,\"ok\":2,\"failed\":7,\"skipped\":2,\"warnings\":1}");
    }

    @Test
    void writesAndReadsBackHowTheApiFailedDuringTheRun() throws Exception {
        Report lost = SampleReports.everyStatus().withApiError("the API server of cluster c failed during the run");
        String text = json(lost);
        assertThat(MAPPER.readTree(text).get("apiError").asString())
                .isEqualTo("the API server of cluster c failed during the run");
        Report read = JsonReportReader.find(text, "test").orElseThrow();
        assertThat(read.apiError()).isEqualTo(lost.apiError());
        assertThat(read.exitCode()).isEqualTo(3);
    }

    @Test
    void writesEveryResultFieldInDesignOrderWithNullsPresent() throws Exception {
        JsonNode first = MAPPER.readTree(json(SampleReports.everyStatus())).get("results").get(0);
        assertThat(fieldNames(first)).containsExactly("name", "namespace", "cluster", "node", "kind", "workload", "port",
                "targetPort", "usage", "expected", "observed", "status", "required", "endpoint", "pod", "latencyMs",
                "phases", "detail", "hint", "drift", "tls");
        assertThat(first.get("pod").isNull()).isTrue();
        assertThat(first.get("cluster").isNull()).as("a single-cluster run").isTrue();
        assertThat(first.get("hint").isNull()).isTrue();
        assertThat(first.get("drift").isNull()).isTrue();
        assertThat(first.get("latencyMs").asDouble()).isEqualTo(3.2);
        assertThat(first.get("port").isInt()).isTrue();
        assertThat(first.get("required").isBoolean()).isTrue();
    }

    @Test
    void writesOnlyTheMeasuredPhasesInMillisecondsAndNullWhenNoneWas() throws Exception {
        JsonNode results = MAPPER.readTree(json(SampleReports.everyStatus())).get("results");
        assertThat(results.get(0).get("phases").toString()).isEqualTo("{\"connect\":0.3,\"firstByte\":1.9}");
        assertThat(results.get(1).get("phases").toString())
                .isEqualTo("{\"dns\":0.4,\"connect\":0.2,\"tls\":8.1,\"firstByte\":1.5}");
        assertThat(results.get(7).get("phases").isNull()).isTrue();
    }

    @Test
    void writesWhatIsUnknownAsNull() throws Exception {
        JsonNode results = MAPPER.readTree(json(SampleReports.everyStatus())).get("results");
        JsonNode unresolved = results.get(7);
        assertThat(unresolved.get("status").asString()).isEqualTo("UNRESOLVED");
        for (String field : List.of("workload", "observed", "endpoint", "pod", "latencyMs", "phases", "drift", "tls")) {
            assertThat(unresolved.get(field).isNull()).as(field).isTrue();
        }
        JsonNode workloadOnly = results.get(11);
        assertThat(workloadOnly.get("kind").asString()).isEqualTo("workload");
        JsonNode ns = MAPPER.readTree(json(SampleReports.allOk())).get("namespace");
        assertThat(ns.isNull()).isTrue();
    }

    @Test
    void writesDriftAsAnObjectKeyedByField() throws Exception {
        JsonNode refused = MAPPER.readTree(json(SampleReports.everyStatus())).get("results").get(3);
        assertThat(refused.get("drift").toString()).isEqualTo("{\"targetPort\":{\"table\":8083,\"live\":8084}}");
    }

    @Test
    void writesTheTlsFactsWhenAHandshakeCompleted() throws Exception {
        JsonNode tls = MAPPER.readTree(json(SampleReports.everyStatus())).get("results").get(1).get("tls");
        assertThat(tls.toString()).isEqualTo("{\"version\":\"TLSv1.3\",\"cipher\":\"TLS_AES_128_GCM_SHA256\","
                + "\"alpn\":\"h2\",\"subject\":\"CN=gloo.gloo-system.svc\",\"sans\":[\"gloo.gloo-system.svc\",\"gloo\"],"
                + "\"notAfter\":\"2027-01-01T00:00:00Z\",\"clientCertRequested\":true,\"verified\":null}");
    }

    @Test
    void looksLikeDesignsExample() {
        assertThat(json(SampleReports.allOk()))
                .startsWith("{\n  \"schema\": \"portprobe/v1\",\n  \"profile\": \"gloo-mesh-oss\",\n")
                .contains("\n      \"latencyMs\": 1.0,\n")
                .endsWith("}\n");
    }

    @Test
    void namesTheNamespaceOfEveryResultAndListsThemAllWhenThereAreSeveral() throws Exception {
        JsonNode root = MAPPER.readTree(json(SampleReports.twoNamespaces()));
        assertThat(root.get("namespace").isNull()).isTrue();
        assertThat(root.get("namespaces").toString()).isEqualTo("[\"team-a\",\"team-b\"]");
        List<String> namespaces = new ArrayList<>();
        root.get("results").forEach(r -> namespaces.add(r.get("namespace").asString()));
        assertThat(namespaces).containsExactly("team-a", "team-a", "team-b", "team-b");
        Report read = JsonReportReader.read(json(SampleReports.twoNamespaces()), "report.json");
        assertThat(read.namespaces()).containsExactly("team-a", "team-b");
        assertThat(read.results().get(2).check().namespace()).isEqualTo("team-b");
        assertThat(json(read)).isEqualTo(json(SampleReports.twoNamespaces()));
    }

    @Test
    void aFleetReportNamesTheClusterOfEveryResultListsTheClustersAndReadsBack() throws Exception {
        JsonNode root = MAPPER.readTree(json(SampleReports.fleet()));
        List<String> clusters = new ArrayList<>();
        root.get("results").forEach(r -> clusters.add(r.get("cluster").asString()));
        assertThat(clusters).containsExactly("kind-mgmt", "kind-east");
        assertThat(fieldNames(root.get("clusters").get(2)))
                .containsExactly("name", "context", "profile", "namespace", "durationMs", "error");
        assertThat(root.get("clusters").get(2).get("error").asString()).contains("cannot reach the Kubernetes API");
        Report read = JsonReportReader.read(json(SampleReports.fleet()), "report.json");
        assertThat(read.exitCode()).isEqualTo(3);
        assertThat(read.results().get(1).check().cluster()).isEqualTo("kind-east");
        assertThat(json(read)).isEqualTo(json(SampleReports.fleet()));
    }

    @Test
    void aSingleNamespaceReportNamesItOnTopAndOnEveryResult() throws Exception {
        JsonNode root = MAPPER.readTree(json(SampleReports.twoNamespaces().results().subList(0, 2).stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        rs -> new Report("p", "port-forward", "team-a", SampleReports.STARTED, 1, rs, List.of())))));
        assertThat(root.get("namespace").asString()).isEqualTo("team-a");
        assertThat(root.get("namespaces").toString()).isEqualTo("[\"team-a\"]");
        assertThat(root.get("results").get(1).get("namespace").asString()).isEqualTo("team-a");
    }

    @Test
    void readsBackTheSameReport() throws Exception {
        Report original = SampleReports.everyStatus();
        String written = json(original);
        Report read = JsonReportReader.read(written, "report.json");
        assertThat(json(read)).isEqualTo(written);
        assertThat(read.exitCode()).isEqualTo(original.exitCode()).isEqualTo(1);
        assertThat(read.summary()).isEqualTo(original.summary());
        assertThat(read.results().get(3).drift()).containsExactly(new Drift("targetPort", 8083, 8084));
        assertThat(read.results().get(1).tls()).isEqualTo(SampleReports.tls());
        assertThat(read.results().get(1).phases()).isEqualTo(original.results().get(1).phases());
        assertThat(read.results().get(9).check().required()).isFalse();
        assertThat(read.notes()).isEqualTo(original.notes());
    }

    @Test
    void findsTheReportAmongOtherLogLines() throws Exception {
        String log = "Picked up JAVA_TOOL_OPTIONS: -Xmx64m\n"
                + "{\"level\":\"info\",\"msg\":\"not a report\"}\n"
                + "probing 12 checks in gloo-system ...\n"
                + json(SampleReports.everyStatus())
                + "done\n";
        Optional<Report> found = JsonReportReader.find(log, "pod log");
        assertThat(found).isPresent();
        assertThat(found.get().results()).hasSize(12);
        assertThat(found.get().exitCode()).isEqualTo(1);
    }

    @Test
    void findsNothingInALogWithoutAReport() throws Exception {
        assertThat(JsonReportReader.find("Exception in thread main\n{ broken\n", "pod log")).isEmpty();
        assertThat(JsonReportReader.find("", "pod log")).isEmpty();
    }

    @Test
    void rejectsJsonThatIsNotAReport() {
        assertThatThrownBy(() -> JsonReportReader.read("{\"schema\": \"other\"}", "x.json"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("x.json: not a portprobe JSON report");
        assertThatThrownBy(() -> JsonReportReader.read("{\n\"schema\": ", "x.json"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("x.json:2: not a portprobe JSON report");
    }

    @Test
    void rejectsAnUnknownProtocolOrStatus() {
        String json = json(SampleReports.allOk());
        assertThatThrownBy(() -> JsonReportReader.read(json.replace("\"grpc\"", "\"smtp\""), "r.json"))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown expected protocol 'smtp'");
        assertThatThrownBy(() -> JsonReportReader.read(json.replace("\"OK\"", "\"FINE\""), "r.json"))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown status 'FINE'");
    }
}
