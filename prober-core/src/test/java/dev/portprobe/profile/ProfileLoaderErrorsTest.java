package dev.portprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileLoaderErrorsTest {
    /** A valid profile; the cases below change one line of it. Line numbers are in the comments. */
    static final String VALID = """
            apiVersion: portprobe/v1
            name: demo
            namespace: ns
            workloads:
              - name: web
                ports:
                  - {port: 8080, protocol: http}
            services:
              - name: web
                workload: web
                ports:
                  - {port: 80, targetPort: 8080, protocol: http}
            """;

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

    static String insertAfter(int line, String text) {
        String[] lines = VALID.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
            if (i == line - 1) {
                out.append(text).append('\n');
            }
        }
        return out.toString();
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unknown top-level key", insertAfter(3, "colour: red"), 4,
                        "unknown key 'colour' in the profile; allowed keys: apiVersion, name, title, extends, namespace, workloads, services"),
                new Case("misspelt port key", replaceLine(7, "      - {port: 8080, protcol: http}"), 7,
                        "unknown key 'protcol' in a workload port (did you mean 'protocol'?); allowed keys: port, name, protocol"),
                new Case("targetPort on a workload port", replaceLine(7, "      - {port: 8080, targetPort: 80, protocol: http}"), 7,
                        "unknown key 'targetPort' in a workload port"),
                new Case("unknown protocol", replaceLine(7, "      - {port: 8080, protocol: htp}"), 7,
                        "unknown protocol 'htp'; valid protocols: tcp, tls, mtls, http, https, grpc, grpc-tls, grpc-mtls, redis"),
                new Case("port above 65535", replaceLine(7, "      - {port: 70000, protocol: http}"), 7,
                        "port 70000 is out of range 1..65535"),
                new Case("port zero", replaceLine(12, "      - {port: 0, targetPort: 8080, protocol: http}"), 12,
                        "port 0 is out of range 1..65535"),
                new Case("targetPort out of range", replaceLine(12, "      - {port: 80, targetPort: 65536, protocol: http}"), 12,
                        "targetPort 65536 is out of range 1..65535"),
                new Case("port that is not a number", replaceLine(7, "      - {port: http, protocol: http}"), 7,
                        "port must be a port number from 1 to 65535, found a string 'http'"),
                new Case("port given as a decimal", replaceLine(7, "      - {port: 80.5, protocol: http}"), 7,
                        "port must be a port number from 1 to 65535, found a decimal number '80.5'"),
                new Case("duplicate port in a workload", insertAfter(7, "      - {port: 8080, protocol: tcp}"), 8,
                        "port 8080 is listed twice in workload web (first at line 7)"),
                new Case("duplicate port in a Service", insertAfter(12, "      - {port: 80, protocol: tcp}"), 13,
                        "port 80 is listed twice in Service web (first at line 12)"),
                new Case("Service naming an unknown workload", replaceLine(10, "    workload: api"), 10,
                        "Service web names workload api, which no workload defines; workloads: web"),
                new Case("port without protocol", replaceLine(7, "      - {port: 8080}"), 7,
                        "a workload port is missing required key 'protocol'"),
                new Case("workload without name", replaceLine(5, "  - selector: {app: web}"), 5,
                        "a workload is missing required key 'name'"),
                new Case("missing apiVersion", VALID.replace("apiVersion: portprobe/v1\n", "# no version\n"), 2,
                        "the profile is missing required key 'apiVersion'"),
                new Case("wrong apiVersion", replaceLine(1, "apiVersion: portprobe/v2"), 1,
                        "apiVersion must be portprobe/v1, found 'portprobe/v2'"),
                new Case("ports that are not a list",
                        VALID.replace("    ports:\n      - {port: 8080, protocol: http}", "    ports: 8080"), 6,
                        "ports must be a list, found a whole number"),
                new Case("workloads that are a mapping", VALID.replace(
                        "workloads:\n  - name: web\n    ports:\n      - {port: 8080, protocol: http}", "workloads: {web: 1}"), 4,
                        "workloads must be a list, found a mapping"),
                new Case("optional that is not a boolean", insertAfter(10, "    optional: maybe"), 11,
                        "optional must be true or false, found 'maybe'"),
                new Case("key without a value", replaceLine(3, "namespace:"), 3,
                        "namespace has no value; give one or remove the key"),
                new Case("name that is not a Kubernetes name", replaceLine(5, "  - name: Web_Server"), 5,
                        "workload name 'Web_Server' is not a Kubernetes name"),
                new Case("namespace that is not a label", replaceLine(3, "namespace: my.ns"), 3,
                        "namespace 'my.ns' is not a Kubernetes namespace name"),
                new Case("workload defined twice", insertAfter(7, "  - name: web\n    ports:\n      - {port: 1, protocol: tcp}"), 8,
                        "workload web is defined twice (first at line 5)"),
                new Case("duplicate key", insertAfter(2, "name: other"), 3,
                        "duplicate key 'name' (first at line 2)"),
                new Case("http options on a grpc port", replaceLine(7, "      - {port: 8080, protocol: grpc, http: {path: /x}}"), 7,
                        "http options apply only to http, https ports; this port is grpc"),
                new Case("bad expectStatus", replaceLine(7, "      - {port: 8080, protocol: http, http: {expectStatus: 2xx}}"), 7,
                        "http.expectStatus '2xx' is not a list of status codes or ranges"),
                new Case("http path without slash", replaceLine(7, "      - {port: 8080, protocol: http, http: {path: ready}}"), 7,
                        "http.path must start with '/'"),
                new Case("unknown reach", replaceLine(7, "      - {port: 8080, protocol: http, reach: local}"), 7,
                        "unknown reach 'local'; valid values: network, pod-local"),
                new Case("workload without ports", replaceLine(7, "      []").replace("    ports:\n      []", "    ports: []"), 5,
                        "workload web has no ports"),
                new Case("YAML alias", VALID.replace("name: demo", "name: &n demo").replace("  - name: web\n    ports", "  - name: *n\n    ports"), 5,
                        "YAML aliases (*n) are not supported in profiles"),
                new Case("second document", VALID + "---\nname: x\n", 14,
                        "a second YAML document starts here"),
                new Case("extends of an unknown profile", insertAfter(2, "extends: gloo-mesh-nope"), 3,
                        "extends: unknown profile 'gloo-mesh-nope'; built-in profiles: gloo-mesh-oss, gloo-mesh-enterprise"),
                new Case("a list at the top", "- a\n- b\n", 1, "the profile must be a mapping, found a list"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsEachErrorWithItsLine(Case c) {
        assertThatThrownBy(() -> ProfileLoader.load("p.yaml", c.yaml()))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(c.line());
                    assertThat(e.getMessage()).startsWith("p.yaml:" + c.line() + ": ").contains(c.message())
                            .doesNotContain("\n");
                });
    }

    @Test
    void theValidBaseOfTheCasesLoads() throws InputException {
        Profile p = ProfileLoader.load("p.yaml", VALID);
        assertThat(p.services()).singleElement().satisfies(s -> assertThat(s.ports().get(0).line()).isEqualTo(12));
        assertThat(p.workloads().get(0).ports().get(0).line()).isEqualTo(7);
    }

    @Test
    void reportsMalformedYamlAtTheLineJacksonGives() {
        String broken = replaceLine(7, "      - {port: 8080, protocol: http");
        assertThatThrownBy(() -> ProfileLoader.load("p.yaml", broken))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).startsWith("p.yaml:8: malformed YAML: ").doesNotContain("\n");
                });
    }

    @Test
    void reportsBadIndentationAsMalformedYaml() {
        String broken = replaceLine(6, "   ports:");
        assertThatThrownBy(() -> ProfileLoader.load("p.yaml", broken))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).startsWith("p.yaml:6: malformed YAML: ").doesNotContain("\n");
                });
    }

    @Test
    void reportsAnEmptyFileAtLineOne() {
        assertThatThrownBy(() -> ProfileLoader.load("p.yaml", "# only a comment\n"))
                .isInstanceOfSatisfying(InputException.class,
                        e -> assertThat(e.getMessage()).startsWith("p.yaml:1: empty profile"));
    }

    @Test
    void namesTheMissingFile() {
        assertThatThrownBy(() -> ProfileLoader.load(java.nio.file.Path.of("/nonexistent/p.yaml")))
                .isInstanceOfSatisfying(InputException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("/nonexistent/p.yaml: no such file"));
    }
}
