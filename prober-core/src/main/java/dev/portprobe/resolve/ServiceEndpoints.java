package dev.portprobe.resolve;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints behind one Service port: from its EndpointSlices (discovery.k8s.io/v1), or, when the Service has a
 * selector but no slices yet, from the pods it selects. A named targetPort is resolved through the pod's container
 * ports.
 */
final class ServiceEndpoints {
    /** One endpoint: its pod (null when it is not a pod), address, readiness and container port (-1: unknown). */
    record View(String pod, String ip, boolean ready, int port) {
        String key() {
            return pod != null ? pod : ip;
        }
    }

    private ServiceEndpoints() {
    }

    static List<View> of(ClusterSnapshot snap, Service svc, ServicePort sp) throws ClusterAccessException {
        List<EndpointSlice> slices = snap.slices(svc.getMetadata().getName());
        List<View> views;
        if (!slices.isEmpty()) {
            views = fromSlices(snap, slices, sp);
        } else {
            Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            views = selector == null || selector.isEmpty() ? List.of() : fromPods(snap, selector, sp);
        }
        List<View> sorted = new ArrayList<>(views);
        sorted.sort(Comparator.comparing(View::key));
        return sorted;
    }

    private static List<View> fromSlices(ClusterSnapshot snap, List<EndpointSlice> slices, ServicePort sp)
            throws ClusterAccessException {
        Map<String, View> byKey = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            Optional<EndpointPort> port = slicePort(slice, sp);
            if ("FQDN".equals(slice.getAddressType()) || port.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getAddresses() == null || e.getAddresses().isEmpty()) {
                    continue;
                }
                String pod = podName(e.getTargetRef());
                boolean ready = e.getConditions() == null || e.getConditions().getReady() == null
                        || e.getConditions().getReady();
                Integer slicePortNumber = port.get().getPort();
                View v = new View(pod, e.getAddresses().get(0), ready,
                        targetPort(snap, sp, pod, slicePortNumber == null ? -1 : slicePortNumber));
                View old = byKey.get(v.key());
                if (old == null || old.ip().indexOf(':') >= 0 && v.ip().indexOf(':') < 0) {
                    byKey.put(v.key(), v); // dual-stack: one view per pod, IPv4 preferred
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private static List<View> fromPods(ClusterSnapshot snap, Map<String, String> selector, ServicePort sp)
            throws ClusterAccessException {
        Selectors.Selector s = Selectors.ofLabels(selector);
        List<View> out = new ArrayList<>();
        for (Pod pod : snap.pods()) {
            if (s.matches(pod.getMetadata().getLabels())) {
                String name = pod.getMetadata().getName();
                out.add(new View(name, Pods.ip(pod), Pods.ready(pod), targetPort(snap, sp, name, -1)));
            }
        }
        return out;
    }

    /** The slice port that carries {@code sp}: the one with the same name ("" and null are the same). */
    private static Optional<EndpointPort> slicePort(EndpointSlice slice, ServicePort sp) {
        if (slice.getPorts() == null) {
            return Optional.empty();
        }
        String wanted = sp.getName() == null ? "" : sp.getName();
        return slice.getPorts().stream()
                .filter(p -> wanted.equals(p.getName() == null ? "" : p.getName()))
                .findFirst();
    }

    private static String podName(ObjectReference ref) {
        return ref != null && "Pod".equals(ref.getKind()) ? ref.getName() : null;
    }

    /** The container port of {@code sp} in {@code pod}: a number as given, a name through the pod's ports. */
    static int targetPort(ClusterSnapshot snap, ServicePort sp, String pod, int fromSlice) throws ClusterAccessException {
        IntOrString target = sp.getTargetPort();
        if (target == null || target.getIntVal() == null && target.getStrVal() == null) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        if (pod != null) {
            Optional<Pod> p = snap.pod(pod);
            if (p.isPresent()) {
                Optional<Integer> named = Pods.namedPort(p.get(), target.getStrVal());
                if (named.isPresent()) {
                    return named.get();
                }
            }
        }
        return fromSlice;
    }
}
