package dev.portprobe.profile;

import static dev.portprobe.profile.SeedRows.pod;
import static dev.portprobe.profile.SeedRows.service;
import static dev.portprobe.profile.SeedRows.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in profiles beyond the seed (Istio, Gloo Mesh 2.x, Linkerd, Kubernetes core) follow the rules. */
class MeshProfilesTest {

    @ParameterizedTest
    @CsvSource({"istio,istio-system", "gloo-platform,gloo-mesh", "linkerd,linkerd", "kubernetes-core,kube-system",
        "kubernetes-api,default"})
    void loadsWithItsNamespaceATitleAndCommentedAssumptions(String name, String namespace) throws InputException {
        Profile p = ProfileLoader.builtin(name);
        assertThat(p.namespace()).isEqualTo(namespace);
        assertThat(p.title()).isNotBlank();
        assertThat(Planner.plan(p)).isNotEmpty();
        // every check has a distinct id, so --only, --skip and the simulated install can tell them apart
        List<String> ids = Planner.plan(p).stream().map(c -> c.kind() + "/" + c.id()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ProfileLoader.builtinText(name)).contains("# ").contains("Known");
    }

    @Test
    void istiodSpeaksGrpcAndTlsWithTheServiceNameAsSni() throws InputException {
        Profile p = ProfileLoader.builtin("istio");
        assertThat(service(p, "istiod").optional()).isFalse();
        assertThat(servicePort(p, "istiod", 15010).protocol()).isEqualTo(Protocol.GRPC);
        PortSpec xds = servicePort(p, "istiod", 15012);
        assertThat(xds.protocol()).isEqualTo(Protocol.GRPC_TLS);
        assertThat(xds.tls().serverName()).isEqualTo("istiod.istio-system.svc");
        PortSpec webhook = servicePort(p, "istiod", 443);
        assertThat(webhook.effectiveTargetPort()).isEqualTo(15017);
        assertThat(webhook.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(webhook.tls().serverName()).isEqualTo("istiod.istio-system.svc");
        assertThat(webhook.http().path()).isEqualTo("/ready");
        assertThat(servicePort(p, "istiod", 15014).http().path()).as("15014 has no /ready").isEqualTo("/metrics");
        assertThat(pod(p, "istiod", 8080).http().path()).isEqualTo("/ready");
        assertThat(service(p, "istio-ingressgateway").optional()).isTrue();
        assertThat(pod(p, "istio-ingressgateway", 15000).reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(p.workloads().get(0).selector()).isEqualTo(Map.of("app", "istiod", "istio", "pilot"));
    }

    @Test
    void glooPlatformHasTheRelayTheAgentTheUiTheTelemetryGatewayAndRedis() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-platform");
        PortSpec relay = servicePort(p, "gloo-mesh-mgmt-server", 9900);
        assertThat(relay.protocol()).isEqualTo(Protocol.GRPC_TLS);
        assertThat(relay.tls().serverName()).isEqualTo("gloo-mesh-mgmt-server.gloo-mesh");
        assertThat(servicePort(p, "gloo-telemetry-gateway", 4317).tls().serverName())
                .isEqualTo("gloo-telemetry-gateway.gloo-mesh");
        assertThat(pod(p, "gloo-telemetry-gateway", 13133).http().path()).isEqualTo("/");
        assertThat(servicePort(p, "gloo-mesh-agent", 9977).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(pod(p, "gloo-mesh-agent", 9988).optional()).as("its protocol is a guess").isTrue();
        assertThat(servicePort(p, "gloo-mesh-redis", 6379).protocol()).isEqualTo(Protocol.REDIS);
        assertThat(p.services().stream().filter(ServiceSpec::optional).map(ServiceSpec::name)).containsExactlyInAnyOrder(
                "gloo-mesh-agent", "gloo-mesh-ui", "gloo-telemetry-gateway", "prometheus-server");
    }

    @Test
    void linkerdHasTheControlPlaneAndTheProxyPortsOfMeshedPods() throws InputException {
        Profile p = ProfileLoader.builtin("linkerd");
        assertThat(servicePort(p, "linkerd-dst", 8086).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(servicePort(p, "linkerd-policy", 8090).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(servicePort(p, "linkerd-identity", 8080).tls().serverName())
                .isEqualTo("linkerd-identity.linkerd.serviceaccount.identity.linkerd.cluster.local");
        PortSpec injector = servicePort(p, "linkerd-proxy-injector", 443);
        assertThat(injector.effectiveTargetPort()).isEqualTo(8443);
        assertThat(StatusRanges.parse(injector.http().expectStatus()).orElseThrow().accepts(405)).isTrue();
        WorkloadSpec proxy = p.workloads().stream().filter(w -> w.name().equals("linkerd-proxy")).findFirst().orElseThrow();
        assertThat(proxy.selector()).isEqualTo(Map.of("linkerd.io/control-plane-ns", "linkerd"));
        assertThat(pod(p, "linkerd-proxy", 4143).protocol()).isEqualTo(Protocol.MTLS);
        assertThat(pod(p, "linkerd-proxy", 4140).reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(pod(p, "linkerd-proxy", 4190).optional()).isTrue();
    }

    @Test
    void kubernetesCoreChecksClusterDnsOverUdpAndTcpWithAnARecordToFind() throws InputException {
        Profile p = ProfileLoader.builtin("kubernetes-core");
        PortSpec udp = servicePort(p, "kube-dns", 53);
        assertThat(udp.protocol()).isEqualTo(Protocol.DNS_UDP);
        assertThat(udp.name()).isEqualTo("dns");
        assertThat(udp.dns().name()).isEqualTo("kubernetes.default.svc.cluster.local");
        PortSpec tcp = pod(p, "coredns", 53);
        assertThat(tcp.protocol()).isEqualTo(Protocol.DNS);
        assertThat(tcp.dns().name()).isEqualTo("kubernetes.default.svc.cluster.local");
        Optional<Check> tcpCheck = Planner.plan(p).stream()
                .filter(c -> c.name().equals("coredns") && c.port() == 53).findFirst();
        assertThat(tcpCheck).as("DNS over TCP is planned on the pods").isPresent();
        assertThat(pod(p, "coredns", 8080).http().path()).isEqualTo("/health");
        assertThat(pod(p, "coredns", 8181).http().path()).isEqualTo("/ready");
        assertThat(service(p, "metrics-server").optional()).isTrue();
        assertAuthCounts(servicePort(p, "metrics-server", 443));
    }

    @Test
    void theApiServerCountsUnauthorizedAndForbiddenAsHttps() throws InputException {
        PortSpec api = servicePort(ProfileLoader.builtin("kubernetes-api"), "kubernetes", 443);
        assertThat(api.protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(api.http().path()).isEqualTo("/readyz");
        assertAuthCounts(api);
    }

    private static void assertAuthCounts(PortSpec port) {
        StatusRanges ranges = StatusRanges.parse(port.http().expectStatus()).orElseThrow();
        assertThat(List.of(200, 401, 403)).allSatisfy(s -> assertThat(ranges.accepts(s)).as("%d", s).isTrue());
        assertThat(List.of(500, 503)).allSatisfy(s -> assertThat(ranges.accepts(s)).as("%d", s).isFalse());
    }
}
