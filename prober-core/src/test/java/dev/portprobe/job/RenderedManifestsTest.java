package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code src/kubernetes/portprobe-job.yaml} identical to {@code portprobe job render -p gloo-mesh-enterprise -n
 * gloo-system}. After changing the manifests, regenerate it with
 * {@code mvn -o -q -pl prober-core test -Dtest=RenderedManifestsTest -Dportprobe.regenerate=true}
 * (or {@code PORTPROBE_REGENERATE=1}) and commit the file.
 */
class RenderedManifestsTest {
    /**
     * What {@code job render -p gloo-mesh-enterprise -n gloo-system} renders. The Gloo profiles have workload-only ports
     * on workloads found by name (no selector), so deployments and statefulsets are readable; once the profile loader
     * lands, {@code JobSpec.needsWorkloadRead(profile)} decides this.
     */
    static final JobSpec GLOO = JobSpec.of("gloo-mesh-enterprise", List.of("gloo-system")).withWorkloadRead(true);

    static Path renderedFile() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        return module.toAbsolutePath().getParent().resolve("src/kubernetes/portprobe-job.yaml");
    }

    @Test
    void theCheckedInManifestsAreWhatJobRenderPrints() throws Exception {
        String rendered = JobManifests.toYaml(JobManifests.render(GLOO));
        Path file = renderedFile();
        if (Boolean.getBoolean("portprobe.regenerate") || "1".equals(System.getenv("PORTPROBE_REGENERATE"))) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale: regenerate it with -Dportprobe.regenerate=true", file)
                .isEqualTo(rendered);
    }

    @Test
    void theCheckedInManifestsParseAsLeastPrivilegeKubernetesObjects() throws Exception {
        var objects = JobManifestsTest.parse(Files.readString(renderedFile(), StandardCharsets.UTF_8));
        assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
                .containsExactly("ServiceAccount portprobe", "Role portprobe", "RoleBinding portprobe", "Job portprobe");
        var role = (io.fabric8.kubernetes.api.model.rbac.Role) objects.get(1);
        assertThat(JobManifestsTest.grants(role.getRules())).allSatisfy((resource, verbs) ->
                assertThat(verbs).containsExactly("get", "list"));
        assertThat(JobManifestsTest.grants(role.getRules())).containsOnlyKeys("services", "pods",
                "discovery.k8s.io/endpointslices", "apps/deployments", "apps/statefulsets");
    }
}
