package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.ProfileLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The k3s end-to-end test's fixtures, checked where that test cannot run: the manifests parse into the objects it
 * waits for, and the profile loads and names exactly those Services (plus the one left out on purpose).
 */
class E2eFixturesTest {

    private static String text(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(E2eFixturesTest.class.getClassLoader().getResourceAsStream(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void manifestsHoldTheNamespaceAndADeploymentAndServiceForEachInstalledRow() throws Exception {
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(text("e2e/fake-gloo.yaml"));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "Namespace/gloo-system",
                "Deployment/gateway-proxy", "Service/gateway-proxy",
                "Deployment/redis", "Service/redis",
                "Deployment/extauth", "Service/extauth",
                "Deployment/glooe-prometheus-server", "Service/glooe-prometheus-server",
                "Deployment/rate-limit", "Service/rate-limit");
        Service prometheus = (Service) objects.get(8);
        assertThat(prometheus.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);
    }

    @Test
    void profileNamesTheInstalledServicesAndTheMissingOptionalOne() throws Exception {
        List<Check> checks = Planner.plan(ProfileLoader.load("e2e-gloo.yaml", text("e2e/e2e-gloo.yaml")));
        assertThat(checks).extracting(Check::id).containsExactly("gateway-proxy:80", "redis:6379", "extauth:8083",
                "glooe-prometheus-server:80", "rate-limit:18081", "glooe-grafana:80");
        assertThat(checks.get(3).targetPort()).isEqualTo(9090);
    }
}
