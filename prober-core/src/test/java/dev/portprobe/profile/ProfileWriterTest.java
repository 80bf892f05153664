package dev.portprobe.profile;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileWriterTest {
    static List<String> builtins() {
        return ProfileLoader.builtinNames();
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinRoundTripsThroughTheWriter(String name) throws InputException {
        Profile p = ProfileLoader.builtin(name);
        String yaml = ProfileWriter.toYaml(p);
        assertThat(normalized(ProfileLoader.load("written.yaml", yaml))).isEqualTo(normalized(p));
    }

    @Test
    void writesOneFlowMappingPerPortInTheDesignFormat() throws InputException {
        String yaml = ProfileWriter.toYaml(ProfileLoader.builtin("gloo-mesh-enterprise"), List.of("made by a test"));
        assertThat(yaml).startsWith("# made by a test\napiVersion: portprobe/v1\nname: gloo-mesh-enterprise\n")
                .contains("# extends: gloo-mesh-oss (written flattened")
                .contains("      - {port: 9977, protocol: grpc, usage: xDS Server}\n")
                .contains("      - {port: 19000, protocol: http, http: {path: /ready, expectStatus: \"200\"}, "
                        + "usage: Envoy admin, reach: pod-local}\n")
                .contains("  - name: glooe-grafana\n    workload: grafana\n    optional: true\n    ports:\n"
                        + "      - {port: 80, targetPort: 3000, protocol: http, http: {path: /api/health}, usage: Grafana UI}\n")
                .contains("{port: 80, protocol: http, usage: Grafana (unused), optional: true}");
    }

    @Test
    void quotesTextThatWouldNotReadBackAsTheSameString() throws InputException {
        List<String> awkward = List.of("yes", "null", "80", "a: b", "# not a comment", "x, y", "{braces}", "[list]",
                "'single'", "\"double\"", "tab\there", "line\nbreak", "- dash", "trailing ", " leading", "ünïcödé",
                "back\\slash", "@at", "`tick`", "a  b", "~", "&anchor", "*alias", "!tag", "%percent", "|pipe", ">gt",
                "?q", "emoji \uD83D\uDE00", "bell\u0007", "nel\u0085", "-", ":");
        for (String usage : awkward) {
            PortSpec port = new PortSpec(80, null, null, Protocol.HTTP, usage, null, null, null, null, false, 0);
            Profile p = new Profile("q", usage, null, null, List.of(new WorkloadSpec("w", Map.of("k", usage),
                    List.of(port), 0)), List.of(), "test");
            Profile back = ProfileLoader.load("q.yaml", ProfileWriter.toYaml(p));
            assertThat(back.title()).as(usage).isEqualTo(usage);
            assertThat(back.workloads().get(0).ports().get(0).usage()).as(usage).isEqualTo(usage);
            assertThat(back.workloads().get(0).selector()).as(usage).containsEntry("k", usage);
        }
    }

    @Test
    void writesARowCommentAfterThePortItNamesAndTheFileStillLoads() throws InputException {
        PortSpec seen = new PortSpec(9901, null, null, Protocol.TCP, "admin", null, null, null, null, false, 0);
        PortSpec quiet = new PortSpec(9902, null, null, Protocol.TCP, "debug", null, null, null, null, false, 0);
        Profile p = new Profile("c", null, null, "ns", List.of(new WorkloadSpec("w", Map.of(), List.of(seen, quiet), 0)),
                List.of(), "gen");
        String comment = "unidentified (unknown): first bytes \"\\x00#\"\nsecond line";
        String yaml = ProfileWriter.toYaml(p, List.of(), row -> row == seen ? comment : null);
        assertThat(yaml).contains("      - {port: 9901, protocol: tcp, usage: admin}  # unidentified (unknown): first bytes")
                .contains("      - {port: 9902, protocol: tcp, usage: debug}\n");
        assertThat(yaml.lines().filter(l -> l.contains("second line"))).hasSize(1);
        assertThat(normalized(ProfileLoader.load("c.yaml", yaml))).isEqualTo(normalized(p));
    }

    @Test
    void writesNoTargetPortForAWorkloadPortSinceTheLoaderWouldRejectIt() throws InputException {
        PortSpec port = new PortSpec(1, 1, null, Protocol.TCP, "", null, null, null, null, true, 0);
        Profile p = new Profile("a", null, null, "ns", List.of(new WorkloadSpec("a", Map.of(), List.of(port), 0)),
                List.of(), "gen");
        String yaml = ProfileWriter.toYaml(p);
        assertThat(yaml).contains("- {port: 1, protocol: tcp, optional: true}");
        assertThat(ProfileLoader.load("a.yaml", yaml).workloads().get(0).ports().get(0).targetPort()).isNull();
    }
}
