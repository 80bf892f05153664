package dev.portprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FleetLoaderTest {
    /** A valid fleet; the cases below change one line of it. */
    static final String VALID = """
            apiVersion: portprobe/v1
            kind: Fleet
            clusters:
              - {name: mgmt, context: kind-mgmt, profile: gloo-platform, namespace: gloo-mesh}
              - {name: east, context: kind-east, profile: istio}
              - {name: west, context: kind-west, profile: istio}
            crossCluster:
              - to: {cluster: mgmt, service: gloo-mesh-mgmt-server, port: 9900}
                usage: relay
            """;

    private static Fleet parse(String text) throws InputException {
        return FleetLoader.parse("fleet.yaml", text, Path.of("."));
    }

    @Test
    void theValidFleetNamesEachClusterItsProfileAndTheCrossCheckTakesTheProtocolFromTheTargetsProfile()
            throws Exception {
        Fleet fleet = parse(VALID);
        assertThat(fleet.clusters()).extracting(c -> c.name() + " " + c.context() + " " + c.profile().name() + " "
                + c.namespace()).containsExactly("mgmt kind-mgmt gloo-platform gloo-mesh",
                "east kind-east istio null", "west kind-west istio null");
        Fleet.CrossCheck x = fleet.crossChecks().get(0);
        assertThat(x.from()).containsExactly("east", "west"); // default: every other cluster
        assertThat(x.namespace()).isEqualTo("gloo-mesh");
        assertThat(x.spec().protocol()).isEqualTo(Protocol.GRPC_TLS);
        assertThat(x.spec().tls().serverName()).isEqualTo("gloo-mesh-mgmt-server.gloo-mesh");
        assertThat(x.spec().usage()).isEqualTo("relay");
    }

    record Case(String description, String yaml, int line, String message) {
        @Override
        public String toString() {
            return description;
        }
    }

    static String replaceLine(int line, String text) {
        String[] lines = VALID.split("\n", -1);
        lines[line - 1] = text;
        return String.join("\n", lines);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("wrong kind", replaceLine(2, "kind: Profile"), 2, "kind must be Fleet, found 'Profile'"),
                new Case("unknown key in a cluster", replaceLine(5,
                        "  - {name: east, context: kind-east, profile: istio, role: workload}"), 5,
                        "unknown key 'role' in a cluster; allowed keys: name, context, profile, namespace"),
                new Case("missing context", replaceLine(5, "  - {name: east, profile: istio}"), 5,
                        "a cluster is missing required key 'context'"),
                new Case("two clusters, one name", replaceLine(6, "  - {name: east, context: kind-west, profile: istio}"),
                        6, "cluster east is defined twice (first at line 5)"),
                new Case("two clusters, one context", replaceLine(6,
                        "  - {name: west, context: kind-east, profile: istio}"), 6,
                        "context 'kind-east' is used by two clusters (first at line 5); a fleet names each cluster once"),
                new Case("unknown profile", replaceLine(5, "  - {name: east, context: kind-east, profile: nosuch}"), 5,
                        "cluster east: unknown profile"),
                new Case("unknown target cluster", replaceLine(8,
                        "  - to: {cluster: north, service: gloo-mesh-mgmt-server, port: 9900}"), 8,
                        "no cluster named 'north' in this fleet (clusters: mgmt, east, west)"),
                new Case("port not in the profile, no protocol", replaceLine(8,
                        "  - to: {cluster: mgmt, service: gloo-mesh-mgmt-server, port: 9999}"), 8,
                        "protocol is missing: profile gloo-platform of cluster mgmt does not list Service "
                                + "gloo-mesh-mgmt-server port 9999"),
                new Case("from the target itself", replaceLine(9, "    from: [mgmt]"), 9,
                        "cluster mgmt is the target itself: a cross-cluster check goes from another cluster"),
                new Case("unknown protocol", replaceLine(9, "    protocol: carrier-pigeon"), 9,
                        "unknown protocol 'carrier-pigeon'"),
                // an unclosed flow list: the parser notices on the next line
                new Case("malformed YAML", replaceLine(4, "  - {name: mgmt, context: [kind-mgmt"), 5, "malformed YAML"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyErrorNamesTheFileAndLine(Case c) {
        assertThatThrownBy(() -> parse(c.yaml()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.file()).isEqualTo("fleet.yaml");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(c.line());
                    assertThat(e.reason()).contains(c.message());
                });
    }
}
