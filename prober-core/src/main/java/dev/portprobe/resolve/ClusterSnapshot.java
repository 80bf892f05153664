package dev.portprobe.resolve;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One namespace as listed once per round: Services, EndpointSlices, Pods, Deployments and StatefulSets. Each kind
 * is listed on first use only, so a profile without workload rows never needs to read Deployments. Pods and
 * workloads are read as generic resources and keep only what resolution uses ({@link LeanKinds}).
 */
final class ClusterSnapshot {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;
    private final ApiCalls api;
    private final String namespace;
    private Map<String, Service> services;
    private Map<String, List<EndpointSlice>> slices;
    private Map<String, Pod> pods;
    private Map<String, GenericKubernetesResource> deployments;
    private Map<String, GenericKubernetesResource> statefulSets;

    /** A workload the profile names: its kind for messages, and its pod selector. */
    record Workload(String kind, String name, LabelSelector selector) {
    }

    ClusterSnapshot(KubeAccess access, String namespace) {
        this.client = access.client();
        this.api = access.api();
        this.namespace = namespace;
    }

    String namespace() {
        return namespace;
    }

    Optional<Service> service(String name) throws ClusterAccessException {
        if (services == null) {
            services = byName(api.call("list", "services", namespace,
                    () -> client.genericKubernetesResources(LeanKinds.SERVICES).inNamespace(namespace).list().getItems()
                            .stream().map(LeanKinds::service).toList()));
        }
        return Optional.ofNullable(services.get(name));
    }

    List<EndpointSlice> slices(String serviceName) throws ClusterAccessException {
        if (slices == null) {
            List<EndpointSlice> all = api.call("list", "endpointslices.discovery.k8s.io", namespace,
                    () -> client.genericKubernetesResources(LeanKinds.ENDPOINT_SLICES).inNamespace(namespace).list()
                            .getItems().stream().map(LeanKinds::slice).toList());
            slices = new LinkedHashMap<>();
            for (EndpointSlice s : all) {
                Map<String, String> labels = s.getMetadata().getLabels();
                String owner = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
                if (owner != null) {
                    slices.computeIfAbsent(owner, k -> new java.util.ArrayList<>()).add(s);
                }
            }
        }
        return slices.getOrDefault(serviceName, List.of());
    }

    List<Pod> pods() throws ClusterAccessException {
        loadPods();
        return List.copyOf(pods.values());
    }

    Optional<Pod> pod(String name) throws ClusterAccessException {
        loadPods();
        return Optional.ofNullable(pods.get(name));
    }

    private void loadPods() throws ClusterAccessException {
        if (pods == null) {
            pods = byName(api.call("list", "pods", namespace, () -> client.genericKubernetesResources(LeanKinds.PODS)
                    .inNamespace(namespace).list().getItems().stream().map(LeanKinds::pod).toList()));
        }
    }

    /** The Deployment, else the StatefulSet, named {@code name}. */
    Optional<Workload> workload(String name) throws ClusterAccessException {
        if (deployments == null) {
            deployments = byName(api.call("list", "deployments.apps", namespace,
                    () -> client.genericKubernetesResources(LeanKinds.DEPLOYMENTS).inNamespace(namespace).list().getItems()));
        }
        LabelSelector d = deployments.containsKey(name) ? LeanKinds.selector(deployments.get(name)) : null;
        if (d != null) {
            return Optional.of(new Workload("Deployment", name, d));
        }
        if (statefulSets == null) {
            statefulSets = byName(api.call("list", "statefulsets.apps", namespace,
                    () -> client.genericKubernetesResources(LeanKinds.STATEFUL_SETS).inNamespace(namespace).list().getItems()));
        }
        LabelSelector s = statefulSets.containsKey(name) ? LeanKinds.selector(statefulSets.get(name)) : null;
        if (s != null) {
            return Optional.of(new Workload("StatefulSet", name, s));
        }
        return Optional.empty();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Map<String, T> byName(List<T> items) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T item : items) {
            out.put(item.getMetadata().getName(), item);
        }
        return out;
    }
}
