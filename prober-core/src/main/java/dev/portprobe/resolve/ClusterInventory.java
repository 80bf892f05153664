package dev.portprobe.resolve;

import dev.portprobe.detect.Inventory;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code portprobe detect} needs, read-only: every Service and every Deployment of the cluster (two list
 * requests across all namespaces, through {@link ApiCalls}: retried, bounded, one line when they fail for good).
 */
public final class ClusterInventory {
    private ClusterInventory() {
    }

    public static Inventory read(KubeAccess access) throws ClusterAccessException {
        var client = access.client();
        List<Service> services = access.api().call("list", "services", null,
                () -> client.genericKubernetesResources(LeanKinds.SERVICES).inAnyNamespace().list().getItems().stream()
                        .map(LeanKinds::service).toList());
        List<Deployment> deployments = access.api().call("list", "deployments.apps", null,
                () -> client.apps().deployments().inAnyNamespace().list().getItems());
        return new Inventory(
                services.stream().map(s -> item(s.getMetadata(), s.getMetadata().getLabels())).toList(),
                deployments.stream().map(d -> item(d.getMetadata(), podLabels(d))).toList());
    }

    private static Inventory.Item item(ObjectMeta meta, Map<String, String> labels) {
        return new Inventory.Item(meta.getNamespace(), meta.getName(), labels);
    }

    private static Map<String, String> podLabels(Deployment d) {
        if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getMetadata() == null) {
            return Map.of();
        }
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
