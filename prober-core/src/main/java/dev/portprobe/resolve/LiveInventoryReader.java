package dev.portprobe.resolve;

import dev.portprobe.resolve.LiveInventory.LivePort;
import dev.portprobe.resolve.LiveInventory.LiveService;
import dev.portprobe.resolve.LiveInventory.LiveWorkload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what {@code portprobe learn} needs of one namespace, read-only: Services, EndpointSlices, Pods, Deployments,
 * StatefulSets and DaemonSets (one list request each, through {@link ApiCalls}). With a selector, only the Services
 * whose labels match it are kept, with the workloads behind them and the workloads whose pod labels match it.
 */
public final class LiveInventoryReader {
    private final KubernetesClient client;
    private final ApiCalls api;

    /** A workload as listed, before its ports are known. */
    private record Raw(String kind, String name, LabelSelector selector, PodTemplateSpec template) {
    }

    public LiveInventoryReader(KubeAccess access) {
        this.client = access.client();
        this.api = access.api();
    }

    /** @param selector labels a Service (or a workload's pods) must carry; empty keeps everything */
    public LiveInventory read(String ns, Map<String, String> selector) throws ClusterAccessException {
        List<Service> services = api.call("list", "services", ns, () -> client.genericKubernetesResources(LeanKinds.SERVICES)
                .inNamespace(ns).list().getItems().stream().map(LeanKinds::service).toList());
        List<EndpointSlice> slices = api.call("list", "endpointslices.discovery.k8s.io", ns,
                () -> client.genericKubernetesResources(LeanKinds.ENDPOINT_SLICES).inNamespace(ns).list().getItems()
                        .stream().map(LeanKinds::slice).toList());
        List<Pod> pods = api.call("list", "pods", ns, () -> client.pods().inNamespace(ns).list().getItems());
        List<Raw> raws = workloads(ns);
        Selectors.Selector wanted = Selectors.ofLabels(selector);
        List<LiveService> out = new ArrayList<>();
        Map<String, Raw> behind = new LinkedHashMap<>();
        for (Service s : services.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList()) {
            if (!wanted.matches(s.getMetadata().getLabels()) || s.getSpec() == null || s.getSpec().getPorts() == null) {
                continue;
            }
            Map<String, String> svcSelector = s.getSpec().getSelector();
            Raw w = svcSelector == null || svcSelector.isEmpty() ? null : raws.stream()
                    .filter(r -> Selectors.ofLabels(svcSelector).matches(labels(r))).findFirst().orElse(null);
            if (w != null) {
                behind.putIfAbsent(w.name(), w);
            }
            List<Pod> backing = svcSelector == null || svcSelector.isEmpty() ? List.of()
                    : pods.stream().filter(p -> Selectors.ofLabels(svcSelector).matches(p.getMetadata().getLabels())).toList();
            out.add(service(s, w, owned(slices, s.getMetadata().getName()), backing));
        }
        List<LiveWorkload> workloads = new ArrayList<>();
        for (Raw r : raws) {
            if (behind.containsKey(r.name()) || !selector.isEmpty() && wanted.matches(labels(r))
                    || selector.isEmpty()) {
                workloads.add(workload(r, pods));
            }
        }
        return new LiveInventory(ns, out, workloads);
    }

    private List<Raw> workloads(String ns) throws ClusterAccessException {
        List<Raw> out = new ArrayList<>();
        api.call("list", "deployments.apps", ns, () -> client.apps().deployments().inNamespace(ns).list().getItems())
                .forEach(d -> out.add(new Raw("Deployment", d.getMetadata().getName(),
                        d.getSpec() == null ? null : d.getSpec().getSelector(), d.getSpec() == null ? null : d.getSpec().getTemplate())));
        api.call("list", "statefulsets.apps", ns, () -> client.apps().statefulSets().inNamespace(ns).list().getItems())
                .forEach(d -> out.add(new Raw("StatefulSet", d.getMetadata().getName(),
                        d.getSpec() == null ? null : d.getSpec().getSelector(), d.getSpec() == null ? null : d.getSpec().getTemplate())));
        api.call("list", "daemonsets.apps", ns, () -> client.apps().daemonSets().inNamespace(ns).list().getItems())
                .forEach(d -> out.add(new Raw("DaemonSet", d.getMetadata().getName(),
                        d.getSpec() == null ? null : d.getSpec().getSelector(), d.getSpec() == null ? null : d.getSpec().getTemplate())));
        out.removeIf(r -> r.selector() == null);
        out.sort(Comparator.comparing(Raw::name).thenComparing(Raw::kind));
        return out;
    }

    private static Map<String, String> labels(Raw r) {
        if (r.template() != null && r.template().getMetadata() != null && r.template().getMetadata().getLabels() != null) {
            return r.template().getMetadata().getLabels();
        }
        return r.selector().getMatchLabels() == null ? Map.of() : r.selector().getMatchLabels();
    }

    private static List<EndpointSlice> owned(List<EndpointSlice> slices, String service) {
        return slices.stream().filter(s -> s.getMetadata().getLabels() != null
                && service.equals(s.getMetadata().getLabels().get(ClusterSnapshot.SERVICE_NAME_LABEL))).toList();
    }

    private static LiveService service(Service s, Raw w, List<EndpointSlice> slices, List<Pod> backing) {
        int ready = 0;
        int all = 0;
        for (EndpointSlice slice : slices) {
            for (var e : slice.getEndpoints() == null ? List.<io.fabric8.kubernetes.api.model.discovery.v1.Endpoint>of() : slice.getEndpoints()) {
                all++;
                boolean r = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
                ready += r ? 1 : 0;
            }
        }
        List<LivePort> ports = new ArrayList<>();
        for (ServicePort sp : s.getSpec().getPorts()) {
            if (sp.getProtocol() != null && !sp.getProtocol().equals("TCP")) {
                continue; // UDP and SCTP: the prober speaks TCP (and DNS over UDP, which a profile names by hand)
            }
            ports.add(new LivePort(sp.getName(), sp.getPort(), targetPort(sp, slices, backing), sp.getAppProtocol()));
        }
        return new LiveService(s.getMetadata().getName(), w == null ? null : w.name(), ports, ready, all);
    }

    /** The number a Service port sends to: its own, else its name looked up in the slices, else in the pods. */
    private static Integer targetPort(ServicePort sp, List<EndpointSlice> slices, List<Pod> backing) {
        if (sp.getTargetPort() == null) {
            return sp.getPort();
        }
        if (sp.getTargetPort().getIntVal() != null) {
            return sp.getTargetPort().getIntVal();
        }
        String name = sp.getTargetPort().getStrVal();
        for (EndpointSlice slice : slices) {
            for (var p : slice.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort>of() : slice.getPorts()) {
                if (p.getPort() != null && (sp.getName() == null ? p.getName() == null : sp.getName().equals(p.getName()))) {
                    return p.getPort();
                }
            }
        }
        for (Pod p : backing) {
            for (ContainerPort cp : containerPorts(p.getSpec() == null ? List.of() : p.getSpec().getContainers())) {
                if (name.equals(cp.getName())) {
                    return cp.getContainerPort();
                }
            }
        }
        return null;
    }

    private static LiveWorkload workload(Raw r, List<Pod> pods) {
        Selectors.Selector sel = Selectors.of(r.selector());
        List<Pod> own = pods.stream().filter(p -> sel.matches(p.getMetadata().getLabels()))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        List<ContainerPort> declared = r.template() == null || r.template().getSpec() == null ? List.of()
                : containerPorts(r.template().getSpec().getContainers());
        if (declared.isEmpty()) {
            for (Pod p : own) {
                if (p.getSpec() != null) {
                    declared = containerPorts(p.getSpec().getContainers());
                    if (!declared.isEmpty()) {
                        break;
                    }
                }
            }
        }
        Map<Integer, LivePort> ports = new TreeMap<>();
        for (ContainerPort cp : declared) {
            if (cp.getContainerPort() != null && (cp.getProtocol() == null || cp.getProtocol().equals("TCP"))) {
                ports.putIfAbsent(cp.getContainerPort(), new LivePort(cp.getName(), cp.getContainerPort(), null, null));
            }
        }
        Map<String, String> ips = new TreeMap<>();
        for (Pod p : own) {
            String ip = Pods.ip(p);
            if (ip != null) {
                ips.put(p.getMetadata().getName(), ip);
            }
        }
        return new LiveWorkload(r.kind(), r.name(), labels(r), List.copyOf(ports.values()), ips);
    }

    private static List<ContainerPort> containerPorts(List<Container> containers) {
        List<ContainerPort> out = new ArrayList<>();
        for (Container c : containers == null ? List.<Container>of() : containers) {
            if (c.getPorts() != null) {
                out.addAll(c.getPorts());
            }
        }
        return out;
    }
}
