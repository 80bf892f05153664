package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lean copies of pods, workloads, Services and EndpointSlices say what the typed model says, for every fact resolution reads. */
class LeanKindsTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static final String RICH_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "gloo-7d9f-abcde", "namespace": "gloo-system", "labels": {"app": "gloo", "gloo": "gloo"},
                          "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "gloo-7d9f", "uid": "u1"}]},
             "spec": {"serviceAccountName": "gloo", "nodeName": "kind-worker",
                      "volumes": [{"name": "certs", "secret": {"secretName": "gloo-certs"}},
                                  {"name": "tmp", "emptyDir": {}}],
                      "tolerations": [{"key": "node-role", "operator": "Exists"}],
                      "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": []}},
                      "containers": [
                        {"name": "gloo", "image": "gloo:1.0", "args": ["--dev"],
                         "ports": [{"name": "grpc-xds", "containerPort": 9977, "protocol": "TCP"},
                                   {"name": "http-monitoring", "containerPort": 9091}],
                         "readinessProbe": {"tcpSocket": {"port": 9977}, "periodSeconds": 10},
                         "resources": {"requests": {"cpu": "500m", "memory": "256Mi"}},
                         "securityContext": {"runAsNonRoot": true, "capabilities": {"drop": ["ALL"]}},
                         "volumeMounts": [{"name": "certs", "mountPath": "/etc/certs"}]},
                        {"name": "sidecar", "image": "envoy"}]},
             "status": {"phase": "Running", "podIP": "10.244.1.7", "podIPs": [{"ip": "10.244.1.7"}],
                        "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
                        "containerStatuses": [{"name": "gloo", "ready": true, "restartCount": 0,
                                               "state": {"running": {"startedAt": "2026-12-01T00:00:00Z"}}}]}}
            """;

    private static final String TERMINATING_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "old", "labels": {"app": "gloo"}, "deletionTimestamp": "2026-12-07T00:00:00Z"},
             "spec": {"containers": [{"name": "c"}]},
             "status": {"phase": "Running", "podIP": "10.0.0.9", "conditions": [{"type": "Ready", "status": "False"}]}}
            """;

    private static final String PENDING_POD = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "new"}, "status": {"phase": "Pending"}}
            """;

    @Test
    void aLeanPodAnswersEveryQuestionOfResolutionAsTheTypedPodDoes() {
        for (String json : List.of(RICH_POD, TERMINATING_POD, PENDING_POD)) {
            Pod typed = JSON.unmarshal(json, Pod.class);
            Pod lean = LeanKinds.pod(JSON.unmarshal(json, GenericKubernetesResource.class));
            String name = typed.getMetadata().getName();
            assertThat(lean.getMetadata()).as(name).isEqualTo(typed.getMetadata());
            assertThat(Pods.ready(lean)).as(name).isEqualTo(Pods.ready(typed));
            assertThat(Pods.ip(lean)).as(name).isEqualTo(Pods.ip(typed));
            assertThat(Pods.state(lean)).as(name).isEqualTo(Pods.state(typed));
            for (String port : List.of("grpc-xds", "http-monitoring", "missing")) {
                assertThat(Pods.namedPort(lean, port)).as(name + " " + port).isEqualTo(Pods.namedPort(typed, port));
            }
        }
        Pod rich = LeanKinds.pod(JSON.unmarshal(RICH_POD, GenericKubernetesResource.class));
        assertThat(Pods.ready(rich)).isTrue();
        assertThat(Pods.namedPort(rich, "grpc-xds")).contains(9977);
        assertThat(rich.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("gloo", "sidecar");
        assertThat(rich.getSpec().getContainers().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(rich.getMetadata().getLabels()).containsEntry("gloo", "gloo");
    }

    @Test
    void aWorkloadsSelectorIsTheTypedOneWithLabelsAndExpressions() {
        String json = """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "gloo"},
                 "spec": {"replicas": 2,
                          "selector": {"matchLabels": {"gloo": "gloo"},
                                       "matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]},
                                                            {"key": "canary", "operator": "DoesNotExist"}]},
                          "template": {"metadata": {"labels": {"gloo": "gloo", "tier": "a"}},
                                       "spec": {"containers": [{"name": "gloo", "image": "gloo:1.0"}]}}}}
                """;
        Deployment typed = JSON.unmarshal(json, Deployment.class);
        GenericKubernetesResource generic = JSON.unmarshal(json, GenericKubernetesResource.class);
        assertThat(LeanKinds.selector(generic)).isEqualTo(typed.getSpec().getSelector());
        assertThat(Selectors.of(LeanKinds.selector(generic)).text()).isEqualTo(Selectors.of(typed.getSpec().getSelector()).text());
        assertThat(LeanKinds.selector(JSON.unmarshal("""
                {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "x"}, "spec": {"replicas": 1}}
                """, GenericKubernetesResource.class))).isNull();
    }

    @Test
    void aLeanServiceHasTheTypedOnesMetadataTypeSelectorAndPorts() {
        String json = """
                {"apiVersion": "v1", "kind": "Service",
                 "metadata": {"name": "gloo", "namespace": "gloo-system", "labels": {"app": "gloo"},
                              "annotations": {"meta.helm.sh/release-name": "gloo"}},
                 "spec": {"type": "NodePort", "clusterIP": "10.96.1.2", "clusterIPs": ["10.96.1.2"],
                          "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "sessionAffinity": "None",
                          "internalTrafficPolicy": "Cluster", "externalTrafficPolicy": "Cluster",
                          "selector": {"gloo": "gloo"},
                          "ports": [{"name": "grpc-xds", "port": 9977, "targetPort": 9977, "protocol": "TCP",
                                     "appProtocol": "grpc", "nodePort": 30977},
                                    {"name": "http-monitoring", "port": 9091, "targetPort": "http-monitoring",
                                     "protocol": "TCP"},
                                    {"port": 53, "protocol": "UDP"}]},
                 "status": {"loadBalancer": {}}}
                """;
        Service typed = JSON.unmarshal(json, Service.class);
        Service lean = LeanKinds.service(JSON.unmarshal(json, GenericKubernetesResource.class));
        assertThat(lean.getMetadata()).isEqualTo(typed.getMetadata());
        assertThat(lean.getSpec().getPorts()).isEqualTo(typed.getSpec().getPorts());
        assertThat(lean.getSpec().getPorts().get(1).getTargetPort().getStrVal()).isEqualTo("http-monitoring");
        assertThat(lean.getSpec().getSelector()).isEqualTo(typed.getSpec().getSelector());
        assertThat(lean.getSpec().getType()).isEqualTo("NodePort");
        assertThat(lean.getSpec().getClusterIP()).isEqualTo(typed.getSpec().getClusterIP());
        String externalJson = """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db"},
                 "spec": {"type": "ExternalName", "externalName": "db.example.com"}}
                """;
        Service externalTyped = JSON.unmarshal(externalJson, Service.class);
        Service external = LeanKinds.service(JSON.unmarshal(externalJson, GenericKubernetesResource.class));
        assertThat(external.getSpec().getExternalName()).isEqualTo("db.example.com");
        assertThat(external.getSpec().getSelector()).isEqualTo(externalTyped.getSpec().getSelector());
        assertThat(external.getSpec().getPorts()).isEqualTo(externalTyped.getSpec().getPorts());
    }

    @Test
    void aLeanEndpointSliceHasTheTypedOnesEndpointsAndPorts() {
        String json = """
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                 "metadata": {"name": "gloo-abcde", "namespace": "gloo-system",
                              "labels": {"kubernetes.io/service-name": "gloo", "endpointslice.kubernetes.io/managed-by": "x"}},
                 "addressType": "IPv4",
                 "endpoints": [
                   {"addresses": ["10.244.1.7"], "conditions": {"ready": true, "serving": true, "terminating": false},
                    "nodeName": "kind-worker", "zone": "a",
                    "targetRef": {"kind": "Pod", "name": "gloo-7d9f-abcde", "namespace": "gloo-system", "uid": "u1"}},
                   {"addresses": ["10.244.2.9"], "conditions": {"ready": false},
                    "targetRef": {"kind": "Pod", "name": "gloo-7d9f-fghij", "namespace": "gloo-system"}},
                   {"addresses": ["10.0.0.5"], "conditions": {}}],
                 "ports": [{"name": "grpc-xds", "port": 9977, "protocol": "TCP", "appProtocol": "grpc"},
                           {"name": "http-monitoring", "port": 9091, "protocol": "TCP"}]}
                """;
        EndpointSlice typed = JSON.unmarshal(json, EndpointSlice.class);
        EndpointSlice lean = LeanKinds.slice(JSON.unmarshal(json, GenericKubernetesResource.class));
        assertThat(lean.getMetadata()).isEqualTo(typed.getMetadata());
        assertThat(lean.getAddressType()).isEqualTo("IPv4");
        assertThat(lean.getEndpoints()).isEqualTo(typed.getEndpoints());
        assertThat(lean.getPorts()).isEqualTo(typed.getPorts());
        String bare = """
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": {"name": "x"},
                 "addressType": "FQDN"}
                """;
        EndpointSlice emptyTyped = JSON.unmarshal(bare, EndpointSlice.class);
        EndpointSlice empty = LeanKinds.slice(JSON.unmarshal(bare, GenericKubernetesResource.class));
        assertThat(empty.getEndpoints()).isEqualTo(emptyTyped.getEndpoints());
        assertThat(empty.getPorts()).isEqualTo(emptyTyped.getPorts());
        assertThat(empty.getAddressType()).isEqualTo("FQDN");
    }
}
