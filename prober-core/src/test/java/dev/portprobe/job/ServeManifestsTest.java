package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.system.SystemTests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code src/kubernetes/portprobe-serve.yaml} identical to {@link ServeManifests#render} for Gloo Mesh Enterprise
 * in gloo-system (regenerate with {@code -Dportprobe.regenerate=true} or {@code PORTPROBE_REGENERATE=1}, as the Job's
 * file), checks it parses as typed Kubernetes objects with read-only RBAC and the Job's pod security, and checks the
 * example PrometheusRule with promtool: {@code check rules}, and {@code test rules} on alerts that must and must not
 * fire.
 */
class ServeManifestsTest {
    static final JobSpec GLOO = RenderedManifestsTest.GLOO.withName(ServeManifests.DEFAULT_NAME);

    private static Path kubernetesDir() {
        return RenderedManifestsTest.renderedFile().getParent();
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    @Test
    void theCheckedInServeManifestsAreWhatServeManifestsRenders() throws Exception {
        String rendered = JobManifests.toYaml(ServeManifests.render(GLOO, ServeManifests.DEFAULT_INTERVAL));
        Path file = kubernetesDir().resolve("portprobe-serve.yaml");
        if (Boolean.getBoolean("portprobe.regenerate") || "1".equals(System.getenv("PORTPROBE_REGENERATE"))) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        assertThat(file).exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is stale: regenerate it with -Dportprobe.regenerate=true", file).isEqualTo(rendered);
    }

    @Test
    void theServeManifestsGrantOnlyReadsAndRunThePodAsTheJobDoes() throws Exception {
        List<HasMetadata> serve = JobManifestsTest.parse(Files.readString(kubernetesDir().resolve("portprobe-serve.yaml")));
        assertThat(serve).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).containsExactly(
                "ServiceAccount portprobe-serve", "Role portprobe-serve", "RoleBinding portprobe-serve",
                "Deployment portprobe-serve", "Service portprobe-serve");
        List<HasMetadata> job = JobManifestsTest.parse(Files.readString(RenderedManifestsTest.renderedFile()));

        Role role = one(serve, Role.class);
        assertThat(JobManifestsTest.grants(role.getRules())).isEqualTo(JobManifestsTest.grants(one(job, Role.class).getRules()))
                .allSatisfy((resource, verbs) -> assertThat(verbs).containsExactly("get", "list"));
        assertThat(one(serve, RoleBinding.class).getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("portprobe-serve"));

        PodSpec pod = one(serve, Deployment.class).getSpec().getTemplate().getSpec();
        PodSpec jobPod = one(job, Job.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext()).isEqualTo(jobPod.getSecurityContext());
        Container c = pod.getContainers().get(0);
        Container jobC = jobPod.getContainers().get(0);
        assertThat(c.getSecurityContext()).isEqualTo(jobC.getSecurityContext());
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getResources()).isEqualTo(jobC.getResources());
        assertThat(c.getEnv()).isEqualTo(jobC.getEnv());
        assertThat(c.getVolumeMounts()).isEqualTo(jobC.getVolumeMounts());
        assertThat(pod.getVolumes()).isEqualTo(jobPod.getVolumes());
        assertThat(pod.getServiceAccountName()).isEqualTo("portprobe-serve");

        assertThat(c.getArgs()).startsWith("serve", "--mode", "in-cluster", "-p", "gloo-mesh-enterprise", "-n", "gloo-system")
                .containsSequence("--listen", "0.0.0.0:" + ServeManifests.PORT);
        assertThat(c.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getContainerPort()).isEqualTo(ServeManifests.PORT);
            assertThat(p.getName()).isEqualTo(ServeManifests.PORT_NAME);
        });
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/-/healthy");

        Service service = one(serve, Service.class);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(one(serve, Deployment.class).getSpec().getTemplate().getMetadata().getLabels());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo(ServeManifests.PORT_NAME));
    }

    @Test
    void theExamplePrometheusRulePassesPromtoolsCheckAndItsAlertTests(@TempDir Path dir) throws Exception {
        Path promtool = SystemTests.require("promtool", "prometheus");
        KubernetesSerialization yaml = new KubernetesSerialization();
        Object parsed = yaml.unmarshal(Files.readString(kubernetesDir().resolve("portprobe-serve-rules.yaml")));
        assertThat(parsed).isInstanceOf(GenericKubernetesResource.class);
        GenericKubernetesResource rule = (GenericKubernetesResource) parsed;
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.getKind()).isEqualTo("PrometheusRule");
        Files.writeString(dir.resolve("rules.yaml"), yaml.asYaml(rule.getAdditionalProperties().get("spec")));
        Files.copy(Path.of(System.getProperty("basedir", "."), "src/test/resources/serve/rules-test.yaml"),
                dir.resolve("rules-test.yaml"));

        String check = run(dir, promtool.toString(), "check", "rules", "rules.yaml");
        assertThat(check).contains("SUCCESS: 2 rules found");
        String test = run(dir, promtool.toString(), "test", "rules", "rules-test.yaml");
        assertThat(test).contains("SUCCESS").doesNotContain("FAILED");
    }

    /** Runs a command in {@code dir} within a minute; its output, or a failure with it when the exit code is not 0. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve("log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
        }
        String out = Files.readString(log);
        assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
