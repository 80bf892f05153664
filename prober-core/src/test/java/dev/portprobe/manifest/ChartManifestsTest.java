package dev.portprobe.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ProfileWriter;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.reftable.ImportOptions;
import dev.portprobe.reftable.ImportWarning;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Manifests rendered from real charts (test resources written from each chart's templates, the source named in
 * their header), imported: every port with its protocol and options, and every guess with its line.
 */
class ChartManifestsTest {
    static final Path DIR = Path.of("src", "test", "resources", "manifests");

    static ManifestImport load(String file) throws InputException {
        return ManifestImporter.importFile(DIR.resolve(file), ImportOptions.DEFAULT);
    }

    /** Each port as the profile writes it, by owner: "istiod: {port: ...}". */
    static List<String> rows(Profile p) {
        List<String> out = new java.util.ArrayList<>();
        for (WorkloadSpec w : p.workloads()) {
            w.ports().forEach(port -> out.add("workload " + w.name() + ": " + ProfileWriter.port(port, false)));
        }
        for (ServiceSpec s : p.services()) {
            s.ports().forEach(port -> out.add("Service " + s.name() + " -> " + s.workload() + ": "
                    + ProfileWriter.port(port, true)));
        }
        return out;
    }

    static List<String> warnings(ManifestImport m) {
        return m.warningsOnly().stream().map(w -> w.line() + ": " + w.message()).toList();
    }

    @Test
    void istiodTakesEveryProtocolFromItsIstioPortNamesAndGuessesNothing() throws Exception {
        ManifestImport m = load("istiod.yaml");
        assertThat(m.profile().name()).isEqualTo("istiod");
        assertThat(m.profile().namespace()).isEqualTo("istio-system");
        assertThat(rows(m.profile())).containsExactly(
                "workload istiod: {port: 8080, name: http-debug, protocol: http, http: {path: /ready}, usage: container discovery}",
                "workload istiod: {port: 15010, name: grpc-xds, protocol: grpc, usage: container discovery}",
                "workload istiod: {port: 15012, name: tls-xds, protocol: tls, usage: container discovery}",
                "workload istiod: {port: 15017, name: https-webhooks, protocol: https, usage: container discovery}",
                "workload istiod: {port: 15014, name: http-monitoring, protocol: http, usage: container discovery}",
                "Service istiod -> istiod: {port: 15010, name: grpc-xds, protocol: grpc}",
                "Service istiod -> istiod: {port: 15012, name: https-dns, protocol: https}",
                "Service istiod -> istiod: {port: 443, targetPort: 15017, name: https-webhook, protocol: https}",
                "Service istiod -> istiod: {port: 15014, name: http-monitoring, protocol: http}");
        assertThat(m.warningsOnly()).isEmpty();
        assertThat(m.warnings()).extracting(ImportWarning::line).containsExactly(36, 39, 42, 46, 99, 102, 105, 108, 111);
        assertThat(m.warnings().get(4).message()).isEqualTo("Deployment istiod container discovery port 8080 (http-debug):"
                + " http (port name 'http-debug'; the kubelet's readinessProbe httpGet checks /ready)");
    }

    @Test
    void theIstioGatewayStatusPortIsHttpBecauseTheKubeletChecksItThere() throws Exception {
        ManifestImport m = load("istio-gateway.yaml");
        assertThat(rows(m.profile())).containsExactly(
                "workload istio-ingressgateway: {port: 15090, name: http-envoy-prom, protocol: http, usage: container istio-proxy}",
                "Service istio-ingressgateway -> istio-ingressgateway: {port: 15021, name: status-port, protocol: http, http: {path: /healthz/ready}}",
                "Service istio-ingressgateway -> istio-ingressgateway: {port: 80, name: http2, protocol: http}",
                "Service istio-ingressgateway -> istio-ingressgateway: {port: 443, name: https, protocol: https}");
        assertThat(m.warnings()).filteredOn(w -> w.line() == 18).singleElement().extracting(ImportWarning::message)
                .isEqualTo("Service istio-ingressgateway port 15021 (status-port): http (the kubelet's readinessProbe"
                        + " httpGet checks it)");
        assertThat(m.warningsOnly()).isEmpty();
    }

    @Test
    void ingressNginxResolvesNamedTargetPortsAndGuessesTheWebhookContainerPort() throws Exception {
        ManifestImport m = load("ingress-nginx.yaml");
        assertThat(rows(m.profile())).containsExactly(
                "workload ingress-nginx-controller: {port: 80, name: http, protocol: http, usage: container controller}",
                "workload ingress-nginx-controller: {port: 443, name: https, protocol: https, usage: container controller}",
                "workload ingress-nginx-controller: {port: 8443, name: webhook, protocol: https, usage: container controller}",
                "Service ingress-nginx-controller-admission -> ingress-nginx-controller: {port: 443, targetPort: 8443, name: https-webhook, protocol: https}",
                "Service ingress-nginx-controller -> ingress-nginx-controller: {port: 80, name: http, protocol: http}",
                "Service ingress-nginx-controller -> ingress-nginx-controller: {port: 443, name: https, protocol: https}");
        assertThat(warnings(m)).containsExactly("143: Deployment ingress-nginx-controller container controller port 8443"
                + " (webhook): protocol https is a guess (rule webhook: an admission/validation webhook on 443/8443 serves HTTPS)");
        assertThat(m.warnings()).filteredOn(w -> w.line() == 23).singleElement().extracting(ImportWarning::message)
                .isEqualTo("Service ingress-nginx-controller-admission port 443 (https-webhook): https (appProtocol 'https')");
    }

    @Test
    void certManagerPrefersTheContainerPortNameToATcpServicePortNameAndReadsNamedProbePorts() throws Exception {
        ManifestImport m = load("cert-manager.yaml");
        assertThat(rows(m.profile())).containsExactly(
                "workload cert-manager-cainjector: {port: 9402, name: http-metrics, protocol: http, usage: container cert-manager-cainjector}",
                "workload cert-manager: {port: 9402, name: http-metrics, protocol: http, usage: container cert-manager-controller}",
                "workload cert-manager: {port: 9403, name: http-healthz, protocol: http, http: {path: /livez}, usage: container cert-manager-controller}",
                "workload cert-manager-webhook: {port: 10250, name: https, protocol: https, usage: container cert-manager-webhook}",
                "workload cert-manager-webhook: {port: 6080, name: healthcheck, protocol: http, http: {path: /healthz}, usage: container cert-manager-webhook}",
                "workload cert-manager-webhook: {port: 9402, name: http-metrics, protocol: http, usage: container cert-manager-webhook}",
                "Service cert-manager-cainjector -> cert-manager-cainjector: {port: 9402, name: http-metrics, protocol: http}",
                "Service cert-manager -> cert-manager: {port: 9402, name: tcp-prometheus-servicemonitor, protocol: http}",
                "Service cert-manager-webhook -> cert-manager-webhook: {port: 443, targetPort: 10250, name: https, protocol: https}",
                "Service cert-manager-webhook -> cert-manager-webhook: {port: 9402, name: metrics, protocol: http}");
        assertThat(m.warningsOnly()).isEmpty();
    }

    @Test
    void bitnamiRedisIsRedisBehindItsTcpRedisServicePorts() throws Exception {
        ManifestImport m = load("redis-bitnami.yaml");
        assertThat(rows(m.profile())).containsExactly(
                "workload redis-master: {port: 6379, name: redis, protocol: redis, usage: container redis}",
                "workload redis-master: {port: 9121, name: metrics, protocol: http, http: {path: /}, usage: container metrics}",
                "Service redis-headless -> redis-master: {port: 6379, name: tcp-redis, protocol: redis}",
                "Service redis-metrics -> redis-master: {port: 9121, name: http-metrics, protocol: http, http: {path: /}}",
                "Service redis-master -> redis-master: {port: 6379, name: tcp-redis, protocol: redis}");
        assertThat(m.warningsOnly()).isEmpty();
    }

    @Test
    void linkerdAsAKubectlListWarnsForEveryGuessWithItsLine() throws Exception {
        ManifestImport m = load("linkerd-control-plane.yaml");
        assertThat(m.profile().workloads()).extracting(WorkloadSpec::name)
                .containsExactly("linkerd-identity", "linkerd-destination");
        assertThat(rows(m.profile())).contains(
                "workload linkerd-identity: {port: 9990, name: admin-http, protocol: http, http: {path: /ready}, usage: container identity}",
                "workload linkerd-identity: {port: 4191, name: linkerd-admin, protocol: http, http: {path: /ready}, usage: container linkerd-proxy}",
                "workload linkerd-destination: {port: 9990, name: admin-http, protocol: http, http: {path: /ready}, usage: container policy}",
                "Service linkerd-dst -> linkerd-destination: {port: 8086, name: grpc, protocol: grpc}",
                "Service linkerd-sp-validator -> linkerd-destination: {port: 443, targetPort: 8443, name: sp-validator, protocol: https}");
        assertThat(warnings(m)).containsExactly(
                "63: Deployment linkerd-identity container linkerd-proxy port 4143 (linkerd-proxy): protocol tcp is a guess"
                        + " (rule unknown: no rule matched; tcp only proves that something listens, and the report says what answers)",
                "101: Deployment linkerd-destination container linkerd-proxy port 4143 (linkerd-proxy): protocol tcp is a guess"
                        + " (rule unknown: no rule matched; tcp only proves that something listens, and the report says what answers)",
                "139: Deployment linkerd-destination container sp-validator port 8443 (sp-validator): protocol https is a guess"
                        + " (rule port-tls: 443 and 8443 are the usual HTTPS ports)",
                "164: Deployment linkerd-destination container policy port 9443 (policy-https): protocol https is a guess"
                        + " (rule https: the usage says HTTPS)",
                "216: Service linkerd-sp-validator port 443 (sp-validator): protocol https is a guess"
                        + " (rule port-tls: 443 and 8443 are the usual HTTPS ports)",
                "233: Service linkerd-policy-validator port 443 (policy-https): protocol https is a guess"
                        + " (rule https: the usage says HTTPS)");
        assertThat(m.yaml()).contains("#   216: Service linkerd-sp-validator port 443 (sp-validator): protocol https is a guess");
    }

    @ParameterizedTest
    @ValueSource(strings = {"istiod.yaml", "istio-gateway.yaml", "ingress-nginx.yaml", "cert-manager.yaml",
        "redis-bitnami.yaml", "linkerd-control-plane.yaml", "gloo-mesh-enterprise.yaml"})
    void everyImportedProfileLoadsBackAsTheSameProfile(String file) throws Exception {
        ManifestImport m = load(file);
        Profile back = ProfileLoader.load("imported.yaml", m.yaml());
        assertThat(rows(back)).isEqualTo(rows(m.profile()));
        assertThat(back.namespace()).isEqualTo(m.profile().namespace());
        assertThat(back.services().stream().map(ServiceSpec::workload).collect(Collectors.toList()))
                .isEqualTo(m.profile().services().stream().map(ServiceSpec::workload).collect(Collectors.toList()));
        assertThat(m.profile().services()).allSatisfy(s -> assertThat(s.ports()).extracting(PortSpec::protocol).doesNotContainNull());
    }
}
