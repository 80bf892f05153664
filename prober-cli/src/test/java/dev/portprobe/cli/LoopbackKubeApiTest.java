package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.Leaks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The jar's own loopback API (CDS training and bench/cluster-path stand on it): a real {@code probe --mode
 * port-forward} through it reaches a real server behind its relay, a port nothing listens on comes back REFUSED
 * through the error channel, the run leaves no thread or descriptor behind, and closing the API ends its event loop.
 */
@EnabledOnOs(OS.LINUX) // RunLeaks reads /proc for this process's descriptors
class LoopbackKubeApiTest {
    @TempDir
    Path dir;

    @Test
    void portForwardThroughTheLoopbackApiReachesTheServerAndReportsARefusal() throws Exception {
        int refused = Ports.closed();
        try (LoopbackKubeApi api = new LoopbackKubeApi()) {
            // the API's own port answers a plain GET with 200: it is the HTTP server behind the port-forward
            api.add(new LoopbackKubeApi.Workload("web", "http", api.port()));
            api.add(new LoopbackKubeApi.Workload("gone", "tcp", refused));
            api.writeFiles(dir);
            probe(); // class loading and process-wide pools (OkHttp's, Okio's watchdog) before the baseline
            RunLeaks.Baseline baseline = RunLeaks.baseline();
            CliRun run = probe();
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("mode").asString()).isEqualTo("port-forward");
            JsonNode web = find(json, "web");
            assertThat(web.get("status").asString()).as(run.out()).isEqualTo("OK");
            assertThat(web.get("observed").asString()).isEqualTo("http");
            JsonNode gone = find(json, "gone");
            assertThat(gone.get("status").asString()).as(run.out()).isEqualTo("REFUSED");
            assertThat(run.exitCode()).isEqualTo(1);
            baseline.assertNothingLeft();
        }
        assertThat(RunLeaks.eventually(() -> Leaks.threads().stream()
                .noneMatch(t -> t.getName().startsWith("loopback-api")))).as("the API's event loop ends").isTrue();
    }

    @Test
    void theTrainingRunProbesEveryProtocolOfTheSimulatedInstallThroughPortForwards() throws Exception {
        int code = LoopbackKubeApi.train(dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("mode").asString()).isEqualTo("port-forward");
        java.util.Map<String, String> byName = new java.util.TreeMap<>();
        java.util.Set<String> okProtocols = new java.util.TreeSet<>();
        for (JsonNode r : json.get("results")) {
            byName.put(r.get("name").asString(), r.get("status").asString());
            if (r.get("status").asString().equals("OK")) {
                okProtocols.add(r.get("expected").asString());
            }
        }
        assertThat(byName).as(json.toString()).containsEntry("refused", "REFUSED").hasSizeGreaterThan(15);
        assertThat(byName.entrySet()).as(json.toString())
                .allMatch(e -> e.getKey().equals("refused") || e.getValue().equals("OK"));
        assertThat(okProtocols).contains("tcp", "http", "https", "tls", "grpc", "redis");
        assertThat(code).isEqualTo(1); // the refused port
    }

    private CliRun probe() {
        return CliRun.of("probe", "--mode", "port-forward", "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "-p", dir.resolve("profile.yaml").toString(), "--timeout", "15s", "-o", "json");
    }

    private static JsonNode find(JsonNode json, String name) {
        for (JsonNode r : json.get("results")) {
            if (r.get("name").asString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + name + " in " + json);
    }
}
