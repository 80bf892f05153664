package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The demo, end to end through the CLI: real loopback servers, every probe real. */
class DemoCliTest {

    @Test
    void demoOfTheEnterpriseProfileExitsZeroWithEveryCheckOk() throws Exception {
        CliRun run = CliRun.of("demo", "-o", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(json.get("profile").asString()).isEqualTo("gloo-mesh-enterprise");
        assertThat(json.get("mode").asString()).as("the demo is a simulation, not a direct probe").isEqualTo("simulated");
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
            // every port went through its own protocol's probe, not a bare TCP connect
            String expected = r.get("expected").asString();
            assertThat(r.get("observed").asString()).as(r.toString())
                    .isEqualTo(expected.equals("https") ? "http" : expected.startsWith("grpc") ? "grpc" : expected);
        }
        assertThat(json.get("summary").get("total").asInt()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void demoWithFaultsExitsOneAndOnlyTheInjectedFaultsFail() throws Exception {
        CliRun run = CliRun.of("demo", "--faults", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<String> statuses = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            if (!r.get("status").asString().equals("OK")) {
                statuses.add(r.get("status").asString() + "/" + r.get("observed").asString("null"));
                assertThat(r.get("hint").isNull()).isFalse();
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder("WRONG_PROTOCOL/http", "REFUSED/null", "TIMEOUT/silent");
    }

    @Test
    void junitOfTheFaultyDemoHasOneFailurePerCheckThatIsNotOk(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("results.xml");
        CliRun run = CliRun.of("demo", "--faults", "-o", "table", "--out-junit", junit.toString(), "--no-color");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("WRONG_PROTOCOL").contains("REFUSED").contains("TIMEOUT");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(Files.readString(junit))));
        int failures = doc.getElementsByTagName("failure").getLength() + doc.getElementsByTagName("error").getLength();
        assertThat(failures).isEqualTo(3);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("3");
    }

    @Test
    void demoOfTheMtlsVariantExitsZero() throws Exception {
        CliRun run = CliRun.of("demo", "--mtls", "-p", "gloo-mesh-enterprise-mtls", "-o", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("results").findValuesAsString("expected")).contains("grpc-mtls");
    }
}
