package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lean copies of pods and workloads say what the typed model says, for every fact resolution reads. */
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
}
