package dev.portprobe.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.profile.Protocol;
import dev.portprobe.reftable.ImportOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests that are odd or broken: every problem is one line with the file's line, or a warning at its line. */
class ManifestEdgeCasesTest {
    private static final String COREDNS = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-dns, namespace: kube-system}
            spec:
              selector:
                matchLabels: {k8s-app: node-dns}
              template:
                metadata:
                  labels: {k8s-app: node-dns}
                spec:
                  containers:
                  - name: coredns
                    ports:
                    - {name: dns, containerPort: 53, protocol: UDP}
                    - {name: dns-tcp, containerPort: 53, protocol: TCP}
                    - {name: syslog, containerPort: 514, protocol: UDP}
                    - {containerPort: 9153}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: node-dns}
            spec:
              selector: {k8s-app: node-dns}
              ports:
              - {name: dns, port: 53, protocol: UDP}
              - {name: web, port: 8080, targetPort: 9153, appProtocol: kubernetes.io/h2c}
            """;

    private static ManifestImport read(String text) throws InputException {
        return ManifestImporter.importText("m.yaml", text, new ImportOptions("m", null));
    }

    private static String error(String text) {
        try {
            read(text);
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + text);
    }

    @Test
    void malformedYamlIsAnErrorAtItsLine() {
        assertThat(error("apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n")).startsWith("m.yaml:4: cannot read YAML: while parsing a flow sequence");
    }

    @Test
    void aDocumentThatIsNoKubernetesObjectIsAnErrorAtItsFirstLine() {
        assertThat(error("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# note\nfoo: bar\n"))
                .isEqualTo("m.yaml:6: not a Kubernetes object: it has no kind");
        assertThat(error("---\n- a\n- b\n")).isEqualTo("m.yaml:2: a document here is not a mapping: expected a Kubernetes object");
        assertThat(error("apiVersion: v1\nkind: Service\nmetadata: {labels: {a: b}}\nspec: {}\n"))
                .isEqualTo("m.yaml:1: this Service has no metadata.name");
    }

    @Test
    void aFileWithNothingToProbeIsAnError() {
        assertThat(error("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"))
                .startsWith("m.yaml: no Service and no Deployment, StatefulSet or DaemonSet with a container port");
        assertThat(error("")).startsWith("m.yaml: no Service");
    }

    @Test
    void dnsOverUdpIsProbedAndOtherUdpPortsAreLeftOutWithAWarning() throws Exception {
        ManifestImport m = read(COREDNS);
        var workload = m.profile().workloads().get(0);
        assertThat(workload.name()).isEqualTo("node-dns");
        assertThat(workload.selector()).isEqualTo(Map.of("k8s-app", "node-dns"));
        assertThat(workload.ports()).extracting(p -> p.port() + " " + p.protocol().id())
                .containsExactly("53 dns-udp", "9153 tcp");
        var service = m.profile().services().get(0);
        assertThat(service.ports()).extracting(p -> p.port() + "->" + p.effectiveTargetPort() + " " + p.protocol().id())
                .containsExactly("53->53 dns-udp", "8080->9153 tcp");
        assertThat(m.warningsOnly()).extracting(w -> w.line() + ": " + w.message()).containsExactly(
                "15: DaemonSet node-dns container coredns port 53 (dns-tcp) is listed twice (a profile lists a port"
                        + " number once): the first is kept",
                "16: DaemonSet node-dns container coredns port 514 (syslog): UDP other than DNS cannot be probed: left out",
                "17: DaemonSet node-dns container coredns port 9153: protocol tcp is a guess (rule unknown: no rule matched;"
                        + " tcp only proves that something listens, and the report says what answers)",
                "26: Service node-dns port 8080 (web): protocol tcp is a guess (appProtocol 'kubernetes.io/h2c' means"
                        + " nothing to portprobe; rule unknown: no rule matched; tcp only proves that something listens,"
                        + " and the report says what answers)");
    }

    @Test
    void aServiceThatSelectsNoWorkloadKeepsItsPortsAndSaysWhyANamedTargetPortIsUnresolved() throws Exception {
        ManifestImport m = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: orphan, namespace: a}
                spec:
                  selector: {app: gone}
                  ports:
                  - {name: grpc-api, port: 9000, targetPort: api}
                """);
        assertThat(m.profile().services().get(0).workload()).isNull();
        assertThat(m.profile().services().get(0).ports().get(0).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(m.profile().namespace()).isEqualTo("a");
        assertThat(m.warningsOnly()).extracting(w -> w.line() + ": " + w.message()).containsExactly(
                "1: Service orphan selects {app=gone}, which no workload's pods carry: no workload is linked; a named"
                        + " targetPort cannot be resolved",
                "7: Service orphan port 9000 (grpc-api): targetPort 'api' names no container port; probed as if it were 9000");
    }

    @Test
    void componentKeepsOneWorkloadAndTheServicesThatSelectIt() throws Exception {
        String text = COREDNS + "---\n" + """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: other}
                spec:
                  template:
                    metadata: {labels: {app: other}}
                    spec:
                      containers:
                      - {name: c, ports: [{name: http, containerPort: 80}]}
                """;
        assertThat(read(text).profile().workloads()).hasSize(2);
        ManifestImport only = ManifestImporter.importText("m.yaml", text, new ImportOptions("m", null, Map.of(), "node-dns"));
        assertThat(only.profile().workloads()).extracting(w -> w.name()).containsExactly("node-dns");
        assertThat(only.profile().services()).extracting(s -> s.name()).containsExactly("node-dns");
        assertThatThrownBy(() -> ManifestImporter.importText("m.yaml", text, new ImportOptions("m", null, Map.of(), "nope")))
                .hasMessage("--component: no workload or Service named 'nope' in m.yaml");
    }

    @Test
    void objectsInSeveralNamespacesGiveAProfileWithoutOneAndAWarning() throws Exception {
        ManifestImport m = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: a, namespace: one}
                spec: {ports: [{name: http, port: 80}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: b, namespace: two}
                spec: {ports: [{name: http, port: 80}]}
                """);
        assertThat(m.profile().namespace()).isNull();
        assertThat(m.warningsOnly()).extracting(w -> w.message()).contains(
                "the objects are in several namespaces [one, two]; the profile names none (use --namespace)");
    }
}
