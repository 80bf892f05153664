package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobManifestsTest {
    private static final JobSpec ONE_NAMESPACE = JobSpec.of("gloo-mesh-enterprise", List.of("gloo-system"));

    /** The YAML, parsed back by fabric8 into typed Kubernetes objects. */
    static List<HasMetadata> parse(String yaml) {
        List<?> parsed = new KubernetesSerialization().unmarshal(yaml);
        return parsed.stream().map(HasMetadata.class::cast).toList();
    }

    private static <T> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** resource -> verbs, over every rule, with the API group folded into the resource name. */
    static Map<String, List<String>> grants(List<PolicyRule> rules) {
        return rules.stream()
                .flatMap(r -> r.getApiGroups().stream().flatMap(g -> r.getResources().stream()
                        .map(res -> Map.entry((g.isEmpty() ? "" : g + "/") + res, r.getVerbs()))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static PodSpec podSpec(JobSpec spec) {
        return ofType(parse(JobManifests.toYaml(JobManifests.render(spec))), Job.class).get(0).getSpec().getTemplate()
                .getSpec();
    }

    @Test
    void rendersAServiceAccountARoleABindingAndAJobForOneNamespace() {
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE)));
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactly("ServiceAccount", "Role", "RoleBinding", "Job");
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo("gloo-system");
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "portprobe");
        });
    }

    @Test
    void grantsOnlyGetAndListOnServicesPodsAndEndpointSlices() {
        Role role = ofType(parse(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE))), Role.class).get(0);
        assertThat(grants(role.getRules())).containsOnly(
                Map.entry("services", List.of("get", "list")),
                Map.entry("pods", List.of("get", "list")),
                Map.entry("discovery.k8s.io/endpointslices", List.of("get", "list")));
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getResourceNames()).isEmpty();
            assertThat(r.getNonResourceURLs()).isEmpty();
        });
    }

    @Test
    void addsDeploymentsAndStatefulSetsOnlyWhenWorkloadsAreLookedUp() {
        JobSpec spec = ONE_NAMESPACE.withWorkloadRead(true);
        Role role = ofType(parse(JobManifests.toYaml(JobManifests.render(spec))), Role.class).get(0);
        assertThat(grants(role.getRules())).containsOnly(
                Map.entry("services", List.of("get", "list")),
                Map.entry("pods", List.of("get", "list")),
                Map.entry("discovery.k8s.io/endpointslices", List.of("get", "list")),
                Map.entry("apps/deployments", List.of("get", "list")),
                Map.entry("apps/statefulsets", List.of("get", "list")));
    }

    @Test
    void bindsAClusterRoleInEachNamespaceWhenSeveralAreProbed() {
        JobSpec spec = JobSpec.of("p", List.of("gloo-system", "gloo-mesh")).withJobNamespace("portprobe");
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(spec)));
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactly("ServiceAccount", "ClusterRole", "RoleBinding", "RoleBinding", "Job");
        ClusterRole clusterRole = ofType(objects, ClusterRole.class).get(0);
        assertThat(clusterRole.getMetadata().getName()).isEqualTo("portprobe-portprobe");
        assertThat(clusterRole.getMetadata().getNamespace()).isNull();
        assertThat(grants(clusterRole.getRules()).values()).allSatisfy(v -> assertThat(v).containsExactly("get", "list"));
        List<RoleBinding> bindings = ofType(objects, RoleBinding.class);
        assertThat(bindings).extracting(b -> b.getMetadata().getNamespace()).containsExactly("gloo-system", "gloo-mesh");
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(b.getRoleRef().getName()).isEqualTo("portprobe-portprobe");
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getNamespace()).isEqualTo("portprobe");
            });
        });
        assertThat(ofType(objects, Job.class).get(0).getMetadata().getNamespace()).isEqualTo("portprobe");
    }

    @Test
    void runsProbeInClusterWithJsonOutputAndTheExtraFlags() {
        JobSpec spec = ONE_NAMESPACE.withExtraArgs(List.of("--timeout", "2s", "--wait", "1m"));
        Container c = podSpec(spec).getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("probe", "--mode", "in-cluster", "-p", "gloo-mesh-enterprise", "-n",
                "gloo-system", "-o", "json", "--timeout", "2s", "--wait", "1m");
        assertThat(c.getImage()).isEqualTo(JobSpec.DEFAULT_IMAGE);
    }

    @Test
    void refusesExtraFlagsThatTheJobSetsItself() {
        assertThatThrownBy(() -> ONE_NAMESPACE.withExtraArgs(List.of("-o", "table")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-o is set by the Job itself");
        assertThatThrownBy(() -> ONE_NAMESPACE.withExtraArgs(List.of("--mode=direct")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mode");
        assertThatThrownBy(() -> JobSpec.of("p", List.of("Not_A_Namespace")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DNS label");
    }

    @Test
    void shipsAProfileFileInAConfigMapMountedReadOnly() {
        JobSpec spec = JobSpec.of("my-profile.yaml", List.of("ns")).withProfileYaml("apiVersion: portprobe/v1\n");
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(spec)));
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactly("ServiceAccount", "ConfigMap", "Role", "RoleBinding", "Job");
        PodSpec pod = ofType(objects, Job.class).get(0).getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getArgs()).containsSequence("-p", "/etc/portprobe/profile.yaml");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getReadOnly()).isTrue());
    }

    @Test
    void runsAsANonRootUserWithNothingWritableButTmp() {
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE)));
        PodSpec pod = ofType(objects, Job.class).get(0).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isEmpty();
        assertThat(c.getVolumeMounts()).singleElement().satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(pod.getHostNetwork()).isNull();
    }

    @Test
    void mountsTheTokenOnlyInTheJobsPod() {
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE)));
        assertThat(ofType(objects, ServiceAccount.class).get(0).getAutomountServiceAccountToken()).isFalse();
        PodSpec pod = ofType(objects, Job.class).get(0).getSpec().getTemplate().getSpec();
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getServiceAccountName()).isEqualTo("portprobe");
    }

    @Test
    void runsOnceWithinLimitsAndCleansItselfUp() {
        Job job = ofType(parse(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE))), Job.class).get(0);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(300L);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        Container c = pod.getContainers().get(0);
        assertThat(c.getResources().getRequests()).containsOnlyKeys("cpu", "memory");
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("500m");
        assertThat(c.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
            assertThat(e.getValue()).contains("-Xmx64m", "-XX:MaxMetaspaceSize=80m", "-XX:+UseSerialGC");
        });
    }

    @Test
    void rendersTheSameYamlEveryTime() {
        assertThat(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE)))
                .isEqualTo(JobManifests.toYaml(JobManifests.render(ONE_NAMESPACE)))
                .startsWith("---\n");
    }

    @Test
    void aDirectModeJobHasNoRbacNoTokenAndDialsTheAddressesItIsGiven() {
        JobSpec direct = JobSpec.of("cross-cluster", List.of("gloo-mesh"))
                .withProfileYaml("apiVersion: portprobe/v1\nname: cross-cluster\n")
                .withDirect(Map.of("x0", "203.0.113.7"));
        List<HasMetadata> objects = parse(JobManifests.toYaml(JobManifests.render(direct)));
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "ConfigMap", "Job");
        PodSpec pod = podSpec(direct);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(ofType(objects, ServiceAccount.class).get(0).getAutomountServiceAccountToken()).isFalse();
        Container c = pod.getContainers().get(0);
        assertThat(c.getArgs()).containsExactly("probe", "--mode", "direct", "-p", "/etc/portprobe/profile.yaml",
                "--target", "x0=203.0.113.7", "-n", "gloo-mesh", "-o", "json");
        // the pod security settings of every other Job
        assertThat(c.getSecurityContext()).isEqualTo(JobPodTemplate.containerSecurity());
        assertThat(pod.getSecurityContext()).isEqualTo(JobPodTemplate.podSecurity());
        // an in-cluster Job still gets its Role and its token
        assertThat(podSpec(ONE_NAMESPACE).getAutomountServiceAccountToken()).isTrue();
    }
}
