package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind portprobe reads (resolve, detect, the Job's watch) or writes (job run/render) deserialises through
 * fabric8's Serialization into its typed model class, not a {@link GenericKubernetesResource}: the fabric8 model
 * modules left on the classpath (the root pom excludes the others) hold them all, registered by apiVersion and kind.
 */
class ModelKindsTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                // read: resolve, detect, live drift
                kind("v1", "Service", Service.class, "\"spec\": {\"ports\": [{\"port\": 9977, \"targetPort\": \"grpc\"}]}"),
                kind("v1", "ServiceList", ServiceList.class, null),
                kind("v1", "Pod", Pod.class, "\"status\": {\"phase\": \"Running\", \"podIP\": \"10.0.0.7\"}"),
                kind("v1", "PodList", PodList.class, null),
                kind("apps/v1", "Deployment", Deployment.class, "\"spec\": {\"replicas\": 2}"),
                kind("apps/v1", "DeploymentList", DeploymentList.class, null),
                kind("apps/v1", "StatefulSet", StatefulSet.class, "\"spec\": {\"serviceName\": \"redis\"}"),
                kind("apps/v1", "StatefulSetList", StatefulSetList.class, null),
                kind("discovery.k8s.io/v1", "EndpointSlice", EndpointSlice.class, "\"addressType\": \"IPv4\""),
                kind("discovery.k8s.io/v1", "EndpointSliceList", EndpointSliceList.class, null),
                kind("v1", "Status", Status.class, "\"code\": 403, \"reason\": \"Forbidden\""),
                // written by job run / job render, and read back by the Job's watch
                kind("batch/v1", "Job", Job.class, "\"spec\": {\"backoffLimit\": 0}"),
                kind("batch/v1", "JobList", JobList.class, null),
                kind("v1", "ServiceAccount", ServiceAccount.class, "\"automountServiceAccountToken\": true"),
                kind("v1", "ConfigMap", ConfigMap.class, "\"data\": {\"profile.yaml\": \"apiVersion: portprobe/v1\"}"),
                kind("rbac.authorization.k8s.io/v1", "Role", Role.class,
                        "\"rules\": [{\"apiGroups\": [\"\"], \"resources\": [\"pods\"], \"verbs\": [\"get\"]}]"),
                kind("rbac.authorization.k8s.io/v1", "RoleBinding", RoleBinding.class,
                        "\"roleRef\": {\"apiGroup\": \"rbac.authorization.k8s.io\", \"kind\": \"ClusterRole\", \"name\": \"x\"}"),
                kind("rbac.authorization.k8s.io/v1", "ClusterRole", ClusterRole.class,
                        "\"rules\": [{\"apiGroups\": [\"apps\"], \"resources\": [\"deployments\"], \"verbs\": [\"list\"]}]"));
    }

    private static Arguments kind(String apiVersion, String kind, Class<?> type, String fields) {
        boolean object = !kind.endsWith("List") && !kind.equals("Status");
        String metadata = object ? "{\"name\": \"portprobe\", \"namespace\": \"gloo-system\"}" : "{\"resourceVersion\": \"7\"}";
        String item = "{\"apiVersion\": \"" + apiVersion + "\", \"kind\": \"" + kind.replaceAll("List$", "")
                + "\", \"metadata\": {\"name\": \"portprobe\"}}";
        String body = fields != null ? fields : "\"items\": [" + item + "]";
        String json = "{\"apiVersion\": \"" + apiVersion + "\", \"kind\": \"" + kind + "\", "
                + "\"metadata\": " + metadata + ", " + body + "}";
        return Arguments.of(kind, type, json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void deserialisesIntoItsTypedClassAndBackToTheSameJson(String kind, Class<?> type, String json) {
        KubernetesResource read = Serialization.unmarshal(json);

        assertThat(read).isInstanceOf(type).isNotInstanceOf(GenericKubernetesResource.class);
        String written = Serialization.asJson(read);
        assertThat(Serialization.jsonMapper().readTree(written))
                .isEqualTo(Serialization.jsonMapper().readTree(json));
        if (read instanceof HasMetadata object) {
            assertThat(object.getKind()).isEqualTo(kind);
            assertThat(object.getMetadata().getName()).isEqualTo("portprobe");
        }
        if (read instanceof KubernetesResourceList<?> list) {
            assertThat(list.getItems()).singleElement()
                    .satisfies(i -> assertThat(i.getClass().getSimpleName() + "List").isEqualTo(kind));
        }
    }
}
