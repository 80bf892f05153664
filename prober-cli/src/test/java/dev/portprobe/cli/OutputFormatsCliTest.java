package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.testing.HttpServers;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every output format works for every command that makes a report, and repeated -o follows one rule. */
class OutputFormatsCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"table", "json", "junit", "markdown", "openmetrics"})
    void checkPrintsEveryFormatAndExitsZeroOnAnOkPort(String format) throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "-o", format, "--no-color");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).contains(String.valueOf(server.getPort()));
            if (!format.equals("json")) {
                assertThat(run.out()).doesNotContain("null");
            }
        }
    }

    @Test
    void checkMarkdownSaysItIsAnAdHocCheck() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "-o", "markdown");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("**portprobe**, mode direct: 1 check: 1 OK");
        }
    }

    @Test
    void checkJunitNamesTheSuitesAfterPortprobeNotAMissingProfile() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "-o", "junit");
            Document xml = xml(run.out());
            assertThat(xml.getDocumentElement().getAttribute("name")).isEqualTo("portprobe");
            NodeList cases = xml.getElementsByTagName("testcase");
            assertThat(((org.w3c.dom.Element) cases.item(0)).getAttribute("classname")).isEqualTo("portprobe.127.0.0.1");
            assertThat(((org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0)).getAttribute("package"))
                    .isEqualTo("portprobe");
        }
    }

    @Test
    void checkJsonHasNullUsageRatherThanAnEmptyString() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "-o", "json");
            JsonNode result = new ObjectMapper().readTree(run.out()).get("results").get(0);
            assertThat(result.get("usage").isNull()).as(run.out()).isTrue();
        }
    }

    @Test
    void junitSuiteNamesAreUniqueWhenAServiceAndAWorkloadShareAName() throws Exception {
        CliRun run = CliRun.of("demo", "-o", "junit");
        Document xml = xml(run.out());
        NodeList suites = xml.getElementsByTagName("testsuite");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            names.add(((org.w3c.dom.Element) suites.item(i)).getAttribute("name"));
        }
        assertThat(names).contains("gateway-proxy", "gateway-proxy (workload)").doesNotHaveDuplicates();
    }

    @Test
    void repeatedOutputsWorkWhenEveryExtraFormatHasItsFile(@TempDir Path dir) throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            Path json = dir.resolve("r.json");
            Path junit = dir.resolve("r.xml");
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "--no-color",
                    "-o", "table", "-o", "json", "--out-json", json.toString(), "-o", "junit", "--out-junit", junit.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 check: 1 OK");
            assertThat(new ObjectMapper().readTree(json.toFile()).get("summary").get("ok").asInt()).isEqualTo(1);
            assertThat(xml(Files.readString(junit)).getDocumentElement().getAttribute("tests")).isEqualTo("1");
        }
    }

    @Test
    void writesOpenMetricsToItsOwnFileBesideTheTable(@TempDir Path dir) throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            Path prom = dir.resolve("portprobe.prom");
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "--no-color",
                    "--out-openmetrics", prom.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1 check: 1 OK");
            assertThat(Files.readString(prom)).contains("portprobe_check_ok{cluster=\"\",namespace=\"\",name=\"127.0.0.1\","
                    + "kind=\"service\",port=\"" + server.getPort() + "\",expected=\"http\"} 1\n").endsWith("# EOF\n");
        }
        CliRun refused = CliRun.of("check", "127.0.0.1:1", "--expect", "tcp", "-o", "table", "-o", "openmetrics");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().lines().findFirst().orElseThrow()).isEqualTo(
                "portprobe: -o openmetrics needs a file: add --out-openmetrics FILE (only one output goes to stdout)");
    }

    @Test
    void aSecondFormatWithoutAFileIsRefusedNamingTheFlagThatGivesItOne() {
        CliRun run = CliRun.of("check", "127.0.0.1:1", "--expect", "tcp", "-o", "table", "-o", "json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("portprobe: -o json needs a file: add --out-json FILE (only one output goes to stdout)");
        assertThat(run.out()).isEmpty();
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
