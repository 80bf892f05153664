package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterResolversTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void opensPortForwardModeInTheProfilesNamespaceUnlessTheFlagSaysOtherwise() throws Exception {
        try (FakeKubeApi api = FakeKubeApi.start()) {
            Path kc = api.kubeconfig(dir, "dev", "team-a", "tok-123456789");
            try (Resolver r = ClusterResolvers.open(ModeSelector.Mode.PORT_FORWARD, new KubeOptions(kc, null, null, TIMEOUT),
                    GlooInstall.profile(), false, null, Map.of())) {
                assertThat(r).isInstanceOf(PortForwardResolver.class);
                assertThat(r.namespace()).isEqualTo("gloo-system");
            }
            try (Resolver r = ClusterResolvers.open(ModeSelector.Mode.PORT_FORWARD, new KubeOptions(kc, null, "qa", TIMEOUT),
                    GlooInstall.profile(), false, null, Map.of())) {
                assertThat(r.namespace()).isEqualTo("qa");
            }
        }
    }

    @Test
    void opensInClusterModeByDnsOnlyWhenNoServiceAccountIsMounted() throws Exception {
        try (Resolver r = ClusterResolvers.open(ModeSelector.Mode.IN_CLUSTER, new KubeOptions(null, null, null, TIMEOUT),
                GlooInstall.profile(), false, "cluster.local", Map.of())) {
            assertThat(r.mode()).isEqualTo("in-cluster");
            assertThat(r.namespace()).isEqualTo("gloo-system");
            assertThat(r.notes()).singleElement().asString().startsWith("in-cluster without API access");
        }
    }

    @Test
    void refusesToOpenDirectModeItself() {
        assertThatThrownBy(() -> ClusterResolvers.open(ModeSelector.Mode.DIRECT, new KubeOptions(null, null, null, TIMEOUT),
                GlooInstall.profile(), false, null, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
