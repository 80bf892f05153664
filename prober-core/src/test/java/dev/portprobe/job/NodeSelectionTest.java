package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NodeSelectionTest {
    KubernetesClient client;

    private static NodeBuilder node(String name, String pool) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("pool", pool).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    }

    private void create(Node n) {
        client.nodes().resource(n).create();
    }

    @Test
    void keepsTheNodesAPodWithoutTolerationsCanStartOnAndSaysWhyTheOthersAreLeftOut() throws Exception {
        create(node("worker-b", "general").build());
        create(node("worker-a", "general").editSpec().addNewTaint().withKey("spot").withValue("true")
                .withEffect("PreferNoSchedule").endTaint().endSpec().build());
        create(node("cordoned", "general").editSpec().withUnschedulable(true).endSpec().build());
        create(node("control-plane", "system").editSpec().addNewTaint()
                .withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endTaint().endSpec().build());
        create(node("draining", "general").editSpec().addNewTaint().withKey("drain").withValue("now")
                .withEffect("NoExecute").endTaint().endSpec().build());
        create(new NodeBuilder(node("down", "general").build()).editStatus().editFirstCondition().withStatus("Unknown")
                .withReason("NodeStatusUnknown").endCondition().endStatus().build());
        KubeAccess access = KubeAccess.of(client, new KubeOptions(null, null, null, Duration.ofSeconds(10)));

        NodeSelection all = NodeSelection.list(access, Map.of());
        assertThat(all.nodes()).containsExactly("worker-a", "worker-b");
        assertThat(all.skipped()).containsExactly(
                "control-plane: tainted node-role.kubernetes.io/control-plane:NoSchedule",
                "cordoned: cordoned (spec.unschedulable)",
                "down: not Ready (NodeStatusUnknown)",
                "draining: tainted drain=now:NoExecute");

        NodeSelection system = NodeSelection.list(access, Map.of("pool", "system"));
        assertThat(system.nodes()).isEmpty();
        assertThat(system.skipped()).containsExactly(
                "control-plane: tainted node-role.kubernetes.io/control-plane:NoSchedule");
    }

    @Test
    void readsTheApiServersVersionForBackoffLimitPerIndex() {
        assertThat(ClusterVersion.atLeast("1", "29", 1, 29)).isTrue();
        assertThat(ClusterVersion.atLeast("1", "30+", 1, 29)).isTrue();
        assertThat(ClusterVersion.atLeast("1", "28", 1, 29)).isFalse();
        assertThat(ClusterVersion.atLeast("2", "0", 1, 29)).isTrue();
        assertThat(ClusterVersion.atLeast("1", "", 1, 29)).isFalse();
        assertThat(ClusterVersion.atLeast(null, "29", 1, 29)).isFalse();
    }
}
