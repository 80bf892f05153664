package dev.portprobe.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileDiff;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Gloo Mesh Enterprise install's manifests (a test resource written from the charts and the port facts it
 * names), imported, against the built-in {@code gloo-mesh-enterprise} profile, with {@code profiles diff}'s logic. What
 * only documents a port (its name, its usage text, a target port equal to the port) is set aside on both sides; every
 * difference that remains is listed below with the reason the manifests cannot say more.
 */
class GlooMeshManifestsTest {

    /** A port as a probe sees it: protocol, options, reach, optional; no name, no usage, no redundant target port. */
    private static PortSpec probed(PortSpec p) {
        Integer target = p.targetPort() == null || p.targetPort() == p.port() ? null : p.targetPort();
        return new PortSpec(p.port(), target, null, p.protocol(), "", p.http(), p.grpc(), p.tls(), p.reach(),
                p.optional(), 0);
    }

    /**
     * The charts name three Deployments {@code glooe-...}, where the reference table (and so the built-in profile)
     * names their pods without the prefix, as the built-in's own comment says: matched by the table's names.
     */
    private static final Map<String, String> TABLE_NAMES = Map.of("glooe-grafana", "grafana",
            "glooe-prometheus-server", "prometheus-server",
            "glooe-prometheus-kube-state-metrics", "prometheus-kube-state-metrics");

    private static String tableName(String workload) {
        return workload == null ? null : TABLE_NAMES.getOrDefault(workload, workload);
    }

    private static Profile probed(Profile p) {
        List<WorkloadSpec> workloads = p.workloads().stream().map(w -> new WorkloadSpec(tableName(w.name()),
                w.selector(), w.ports().stream().map(GlooMeshManifestsTest::probed).toList(), 0)).toList();
        List<ServiceSpec> services = p.services().stream().map(s -> new ServiceSpec(s.name(), tableName(s.workload()),
                s.optional(), s.ports().stream().map(GlooMeshManifestsTest::probed).toList(), 0)).toList();
        return new Profile(p.name(), p.title(), null, p.namespace(), workloads, services, p.source());
    }

    @Test
    void importingTheInstallsManifestsGivesTheBuiltInProfileSaveWhatManifestsCannotSay() throws Exception {
        ManifestImport m = ChartManifestsTest.load("gloo-mesh-enterprise.yaml");
        Profile builtin = ProfileLoader.builtin("gloo-mesh-enterprise");
        List<String> diff = ProfileDiff.between(probed(builtin), probed(m.profile()));
        assertThat(diff).containsExactlyInAnyOrder(
                // the chart serves xDS as JSON over HTTP on 9976 too, which the reference table does not list
                "+ workload gloo port 9976: http",
                "+ Service gloo port 9976: http",
                // the built-in makes the proxy's listeners optional (a fresh install has no VirtualService), and
                // promises only TLS on 8443, whose routes are the user's; the chart names the port https
                "~ workload gateway-proxy port 8080: optional true -> false",
                "~ workload gateway-proxy port 8443: protocol tls -> https; optional true -> false",
                "~ Service gateway-proxy port 80: optional true -> false",
                "~ Service gateway-proxy port 443: protocol tls -> https; optional true -> false",
                // Envoy's admin port is set in the proxy's bootstrap, not declared as a container port
                "- workload gateway-proxy port 19000",
                // the health service names are registered in the servers' code, not in the manifests
                "~ workload extauth port 8083: grpc.service 'ext-auth' -> ''",
                "~ workload rate-limit port 18081: grpc.service 'ratelimit' -> ''",
                "~ Service extauth port 8083: grpc.service 'ext-auth' -> ''",
                "~ Service rate-limit port 18081: grpc.service 'ratelimit' -> ''",
                // Grafana's unused port 80 gets the Grafana rule's path (a guess, warned); kube-state-metrics' readiness
                // probe asks / where the built-in asks /healthz (its liveness path): both answer 200
                "~ workload grafana port 80: http.path '/' -> '/api/health'; optional true -> false",
                "~ workload prometheus-kube-state-metrics port 8080: http.path '/healthz' -> '/'",
                "~ Service glooe-prometheus-kube-state-metrics port 80: http.path '/healthz' -> '/'",
                // "optional components" is the reference page's word, not the manifests'
                "~ Service glooe-grafana: optional true -> false",
                "~ Service glooe-prometheus-server: optional true -> false",
                "~ Service glooe-prometheus-kube-state-metrics: optional true -> false",
                // not rendered with the chart's default values
                "- Service access-log");
        // every port whose protocol was guessed is a warning at its line
        assertThat(ChartManifestsTest.warnings(m)).containsExactly(
                "28: Service gloo port 9976 (rest-xds): protocol http is a guess (rule rest: a REST endpoint (rest-xds:"
                        + " xDS as JSON) is plain HTTP)",
                "34: Service gloo port 9979 (wasm-cache): protocol http is a guess (rule wasm: the WASM filter cache is"
                        + " plain HTTP)",
                "65: Deployment gloo container gloo port 9976 (rest-xds): protocol http is a guess (rule rest: a REST"
                        + " endpoint (rest-xds: xDS as JSON) is plain HTTP)",
                "71: Deployment gloo container gloo port 9979 (wasm-cache): protocol http is a guess (rule wasm: the WASM"
                        + " filter cache is plain HTTP)",
                "358: Deployment glooe-grafana container grafana port 80 (service): protocol http is a guess (rule"
                        + " grafana: Grafana serves HTTP with /api/health)");
    }
}
