package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.K8sObjects.containerPort;
import static dev.portprobe.testing.kube.K8sObjects.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.report.Drift;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared resolution logic on the awkward corners of real installs. */
class ClusterResolutionTest {
    private static final String NS = "edge";
    private static FakeKubeApi api;
    private static KubeAccess access;

    @BeforeAll
    static void load() {
        api = FakeKubeApi.start();
        List<HasMetadata> objects = List.of(
                K8sObjects.pod(NS, "redis-0", Map.of("app", "redis"), "10.42.0.7", true, List.of(containerPort("resp", 6379))),
                K8sObjects.statefulSet(NS, "redis", Map.of("app", "redis")),
                K8sObjects.pod(NS, "web-1", Map.of("app", "web"), "10.42.0.8", true, List.of(containerPort("http", 8080))),
                K8sObjects.deployment(NS, "web", Map.of("app", "web", "tier", "front")),
                K8sObjects.deployment(NS, "ghost", Map.of("app", "ghost")),
                K8sObjects.service(NS, "web", Map.of("app", "web"), servicePort("http", 8081, "http")),
                K8sObjects.service(NS, "named-nowhere", Map.of("app", "web"), servicePort("metrics", 9102, "metrics")),
                K8sObjects.service(NS, "headless-manual", Map.of(), servicePort("tcp", 7000, 7000)),
                K8sObjects.service(NS, "nobody", Map.of("app", "nobody"), servicePort("tcp", 7001, 7001)),
                appProtocol(K8sObjects.service(NS, "grpc-svc", Map.of("app", "web"), servicePort("grpc", 9000, "http")), "http"));
        try (KubernetesClient admin = api.adminClient()) {
            objects.forEach(o -> admin.resource(o).create());
        }
        // No case tests the API's deadline and the fake API answers at once: one a loaded machine meets.
        access = KubeAccess.of(api.adminClient(), new KubeOptions(null, null, null, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        access.close();
        api.close();
    }

    private static Service appProtocol(Service s, String app) {
        s.getSpec().getPorts().get(0).setAppProtocol(app);
        return s;
    }

    private static Placement place(Check c, Profile profile) throws ClusterAccessException {
        return new ClusterResolution(new ClusterSnapshot(access, NS), ClusterResolution.selectorsOf(profile)).place(c);
    }

    private static Resolution.Finding finding(Check c) throws ClusterAccessException {
        return ((Placement.Failed) place(c, null)).finding();
    }

    private static Check service(String name, int port, int targetPort, Protocol p) {
        return new Check(name, CheckKind.SERVICE, null, port, targetPort,
                new PortSpec(port, targetPort, null, p, "", null, null, null, null, false, 0), true, false);
    }

    private static Check workload(String name, int port) {
        return new Check(name, CheckKind.WORKLOAD, name, port, port, PortSpec.of(port, Protocol.TCP), true, false);
    }

    @Test
    void findsTheEndpointsThroughThePodsWhenAServiceHasNoSlicesYet() throws Exception {
        Placement.Found f = (Placement.Found) place(service("web", 8081, 8080, Protocol.HTTP), null);
        assertThat(f.ready()).containsExactly(new Placement.PodAddress("web-1", "10.42.0.8", 8080));
        assertThat(f.drift()).isEmpty();
    }

    @Test
    void reportsDriftWhenTheLiveTargetPortDiffersFromTheTable() throws Exception {
        Placement.Found f = (Placement.Found) place(service("web", 8081, 8000, Protocol.HTTP), null);
        assertThat(f.drift()).containsExactly(new Drift("targetPort", 8000, 8080));
    }

    @Test
    void matchesAServicePortByNameAndReportsThePortThatMoved() throws Exception {
        Check byName = new Check("web", CheckKind.SERVICE, null, 80, 8080,
                new PortSpec(80, 8080, "http", Protocol.HTTP, "", null, null, null, null, false, 0), true, false);
        Placement.Found f = (Placement.Found) place(byName, null);
        assertThat(f.servicePort()).isEqualTo(8081);
        assertThat(f.drift()).containsExactly(new Drift("port", 80, 8081));
    }

    @Test
    void reportsDriftWhenTheLiveAppProtocolCannotCarryTheTablesProtocol() throws Exception {
        Placement.Found f = (Placement.Found) place(service("grpc-svc", 9000, 8080, Protocol.GRPC), null);
        assertThat(f.drift()).containsExactly(new Drift("appProtocol", "grpc", "http"));
    }

    @Test
    void saysWhenANamedTargetPortNamesNoContainerPort() throws Exception {
        Resolution.Finding f = finding(service("named-nowhere", 9102, 9102, Protocol.HTTP));
        assertThat(f.status()).isEqualTo(Status.UNRESOLVED);
        assertThat(f.detail()).isEqualTo("Service named-nowhere has 0 ready endpoints of 1 for port 9102; "
                + "targetPort 'metrics' names no container port of its pods");
    }

    @Test
    void pointsAtTheSelectorWhenNoPodMatchesIt() throws Exception {
        Resolution.Finding f = finding(service("nobody", 7001, 7001, Protocol.TCP));
        assertThat(f.detail()).endsWith("no pod matches its selector app=nobody");
        assertThat(f.hint()).isEqualTo("kubectl -n edge get pods -l app=nobody");
    }

    @Test
    void pointsAtTheEndpointSlicesOfAServiceWithoutSelector() throws Exception {
        Resolution.Finding f = finding(service("headless-manual", 7000, 7000, Protocol.TCP));
        assertThat(f.detail()).endsWith("it has no selector");
        assertThat(f.hint()).isEqualTo("kubectl -n edge get endpointslices -l kubernetes.io/service-name=headless-manual");
    }

    @Test
    void reportsAMissingRequiredServiceAsUnresolved() throws Exception {
        Resolution.Finding f = finding(service("access-log", 8083, 8083, Protocol.GRPC));
        assertThat(f.status()).isEqualTo(Status.UNRESOLVED);
        assertThat(f.detail()).isEqualTo("Service access-log not found in namespace edge");
        assertThat(f.hint()).startsWith("kubectl -n edge get svc");
    }

    @Test
    void findsAWorkloadsPodsThroughTheStatefulSetWhenNoDeploymentHasItsName() throws Exception {
        Placement.Found f = (Placement.Found) place(workload("redis", 6379), null);
        assertThat(f.ready()).containsExactly(new Placement.PodAddress("redis-0", "10.42.0.7", 6379));
        assertThat(f.service()).isNull();
    }

    @Test
    void usesTheProfilesSelectorBeforeTheDeployments() throws Exception {
        Profile profile = new Profile("p", "", null, NS, List.of(new WorkloadSpec("web", Map.of("app", "web"),
                List.of(PortSpec.of(9901, Protocol.HTTP)), 0)), List.of(), "test");
        Placement.Found f = (Placement.Found) place(workload("web", 9901), profile);
        assertThat(f.ready()).extracting(Placement.PodAddress::pod).containsExactly("web-1");
    }

    @Test
    void reportsADeploymentWhoseSelectorMatchesNoPods() throws Exception {
        Resolution.Finding f = finding(workload("web", 9901));
        assertThat(f.status()).isEqualTo(Status.UNRESOLVED);
        assertThat(f.detail()).isEqualTo("the selector app=web,tier=front of Deployment web matches no pods in namespace edge");
        assertThat(f.hint()).isEqualTo("kubectl -n edge get pods -l app=web,tier=front");
    }

    @Test
    void reportsAWorkloadThatDoesNotExist() throws Exception {
        Resolution.Finding f = finding(workload("observability", 8080));
        assertThat(f.detail()).isEqualTo("no Deployment or StatefulSet named observability in namespace edge");
    }

    @Test
    void listsEachKindOncePerRoundWhateverTheNumberOfChecks() throws Exception {
        int before = api.requests().size();
        ClusterResolution r = new ClusterResolution(new ClusterSnapshot(access, NS), Map.of());
        for (int i = 0; i < 3; i++) {
            r.place(service("web", 8081, 8080, Protocol.HTTP));
            r.place(workload("redis", 6379));
            r.place(service("nobody", 7001, 7001, Protocol.TCP));
        }
        assertThat(api.requests().subList(before, api.requests().size())).containsExactlyInAnyOrder(
                "GET /api/v1/namespaces/edge/services", "GET /apis/discovery.k8s.io/v1/namespaces/edge/endpointslices",
                "GET /api/v1/namespaces/edge/pods", "GET /apis/apps/v1/namespaces/edge/deployments",
                "GET /apis/apps/v1/namespaces/edge/statefulsets");
    }
}
