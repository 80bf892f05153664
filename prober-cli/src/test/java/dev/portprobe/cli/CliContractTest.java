package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes, one-line errors and outputs, as a user sees them. */
class CliContractTest {

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        CliRun run = CliRun.of("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("portprobe ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:0", "localhost:70000", "localhost:http", ":80", "a b:80", "::1:80"})
    void checkRejectsABadAddressWithExitTwoAndOneLine(String address) {
        CliRun run = CliRun.of("check", address, "--expect", "tcp");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow()).startsWith("portprobe: ");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void checkRejectsAnUnknownProtocolNamingTheValidOnes() {
        CliRun run = CliRun.of("check", "127.0.0.1:80", "--expect", "smtp");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown protocol 'smtp'").contains("grpc-tls");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3x", "-1s", "", "s", "1e9h", "10d"})
    void checkRejectsABadTimeoutWithExitTwo(String timeout) {
        CliRun run = CliRun.of("check", "127.0.0.1:80", "--expect", "tcp", "--timeout", timeout);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("portprobe: ");
    }

    @Test
    void checkExitsZeroWhenTheExpectedProtocolAnswers() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getLocalPort(), "--expect", "tcp");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("OK");
        }
    }

    @Test
    void checkExitsOneWithRefusedAndAHintWhenNothingListens() throws Exception {
        int port = closedPort();
        CliRun run = CliRun.of("check", "127.0.0.1:" + port, "--expect", "http", "-o", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("schema").asString()).isEqualTo("portprobe/v1");
        assertThat(json.get("mode").asString()).isEqualTo("direct");
        JsonNode result = json.get("results").get(0);
        assertThat(result.get("status").asString()).isEqualTo("REFUSED");
        assertThat(result.get("observed").isNull()).isTrue();
        assertThat(result.get("hint").asString()).contains("nothing listens on " + port);
        assertThat(json.get("summary").get("failed").asInt()).isEqualTo(1);
    }

    @Test
    void aMalformedProfileGivesFileLineMessageAndExitTwo(@TempDir Path dir) throws Exception {
        Path profile = dir.resolve("bad.yaml");
        Files.writeString(profile, """
                apiVersion: portprobe/v1
                name: bad
                services:
                  - name: web
                    ports:
                      - {port: 80, protocol: htp}
                """);
        CliRun run = CliRun.of("probe", "-p", profile.toString(), "--host", "127.0.0.1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).startsWith("portprobe: " + profile + ":6: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anOutputFileInAMissingFolderIsAnInputErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path out = dir.resolve("no/such/folder/report.json");
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getLocalPort(), "--expect", "tcp",
                    "-o", "json", "--out", out.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(Files.exists(out)).isFalse();
        }
    }

    @Test
    void outWritesTheWholeReportToTheFileAndNothingToStdout(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path out = dir.resolve("report.json");
            CliRun run = CliRun.of("check", "127.0.0.1:" + server.getLocalPort(), "--expect", "tcp",
                    "-o", "json", "--out", out.toString());
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEmpty();
            assertThat(new ObjectMapper().readTree(out.toFile()).get("summary").get("ok").asInt()).isEqualTo(1);
            try (var files = Files.list(dir)) {
                assertThat(files).containsExactly(out);
            }
        }
    }

    @Test
    void twoOutputsOnStdoutAreRefused() {
        CliRun run = CliRun.of("check", "127.0.0.1:1", "--expect", "tcp", "-o", "table", "-o", "json");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("only one output goes to stdout");
    }

    @Test
    void profilesListNamesTheBuiltInGlooProfiles() {
        CliRun run = CliRun.of("profiles", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("gloo-mesh-oss", "gloo-mesh-enterprise", "gloo-mesh-oss-mtls", "gloo-mesh-enterprise-mtls");
    }

    @Test
    void profilesShowOfAVariantShowsWhatItChangesFromItsBase() {
        CliRun run = CliRun.of("profiles", "show", "gloo-mesh-enterprise-mtls");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Changes from gloo-mesh-enterprise").contains("grpc-mtls");
    }

    @Test
    void anUnknownProfileIsAnInputError() {
        CliRun run = CliRun.of("probe", "-p", "no-such-profile", "--host", "127.0.0.1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-profile");
    }

    @Test
    void aFileNameWithALineBreakStillGivesAOneLineError() {
        // found by CliFuzzTest: picocli quoted the raw argument, line break included
        CliRun run = CliRun.of("import", "\u0000\n");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("portprobe: ")).count()).isEqualTo(1);
        assertThat(run.err().lines().count()).isEqualTo(2); // the message, then "Try 'portprobe import --help'."
    }

    static int closedPort() {
        return dev.portprobe.testing.Ports.closed();
    }
}
