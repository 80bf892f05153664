package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.outcome.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds each check in one namespace's snapshot, for both cluster modes: the Service and its live port, the ready
 * endpoints and the container port they take traffic on, the pods of a workload-only port, and the drift from the
 * table. What cannot be found becomes a finding (UNRESOLVED, or SKIPPED for a missing optional Service).
 */
final class ClusterResolution {
    private final ClusterSnapshot snap;
    private final String ns;
    private final Map<String, Map<String, String>> selectors;

    ClusterResolution(ClusterSnapshot snap, Map<String, Map<String, String>> selectors) {
        this.snap = snap;
        this.ns = snap.namespace();
        this.selectors = selectors;
    }

    /** The pod selectors the profile gives, by workload name. */
    static Map<String, Map<String, String>> selectorsOf(Profile profile) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (profile != null) {
            for (WorkloadSpec w : profile.workloads()) {
                if (!w.selector().isEmpty()) {
                    out.put(w.name(), w.selector());
                }
            }
        }
        return Map.copyOf(out);
    }

    Placement place(Check check) throws ClusterAccessException {
        return check.kind() == CheckKind.WORKLOAD ? workload(check) : service(check);
    }

    private Placement service(Check c) throws ClusterAccessException {
        Optional<Service> found = snap.service(c.name());
        if (found.isEmpty()) {
            return c.optionalService()
                    ? failed(c, Status.SKIPPED, "optional Service " + c.name() + " is not installed in " + ns, null)
                    : failed(c, Status.UNRESOLVED, "Service " + c.name() + " not found in namespace " + ns,
                    "kubectl -n " + ns + " get svc: is it installed in this namespace (-n), under another name?");
        }
        Service svc = found.get();
        Optional<ServicePort> port = matchPort(svc, c);
        if (port.isEmpty()) {
            return failed(c, Status.UNRESOLVED, "Service " + c.name() + " has no port " + c.port()
                    + "; it has " + portList(svc), "kubectl -n " + ns + " get svc " + c.name()
                    + " -o yaml: the table may be out of date, or the Helm values changed the port");
        }
        ServicePort sp = port.get();
        List<ServiceEndpoints.View> all = ServiceEndpoints.of(snap, svc, sp);
        List<Placement.PodAddress> ready = all.stream().filter(v -> v.ready() && v.port() > 0 && v.ip() != null)
                .map(v -> new Placement.PodAddress(v.pod(), v.ip(), v.port())).toList();
        if (ready.isEmpty()) {
            return noReadyEndpoints(c, svc, sp, all);
        }
        return new Placement.Found(c, c.name(), sp.getPort(), ready, LiveDrift.of(c, sp, ready.get(0).port()));
    }

    /** The live port with the table's number, else the one with the table's port name. */
    private static Optional<ServicePort> matchPort(Service svc, Check c) {
        List<ServicePort> ports = svc.getSpec() == null || svc.getSpec().getPorts() == null
                ? List.of() : svc.getSpec().getPorts();
        Optional<ServicePort> byNumber = ports.stream()
                .filter(p -> p.getPort() != null && p.getPort() == c.port()).findFirst();
        if (byNumber.isPresent() || c.spec().name() == null) {
            return byNumber;
        }
        return ports.stream().filter(p -> c.spec().name().equals(p.getName())).findFirst();
    }

    private static String portList(Service svc) {
        List<ServicePort> ports = svc.getSpec() == null || svc.getSpec().getPorts() == null
                ? List.of() : svc.getSpec().getPorts();
        if (ports.isEmpty()) {
            return "no ports";
        }
        return ports.stream().map(p -> p.getPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol())
                + (p.getName() == null || p.getName().isEmpty() ? "" : " (" + p.getName() + ")"))
                .collect(Collectors.joining(", "));
    }

    private Placement noReadyEndpoints(Check c, Service svc, ServicePort sp, List<ServiceEndpoints.View> all) {
        String detail = "Service " + c.name() + " has 0 ready endpoints of " + all.size() + " for port " + c.port();
        List<String> unnamed = all.stream().filter(v -> v.ready() && v.port() <= 0 && v.pod() != null)
                .map(ServiceEndpoints.View::pod).toList();
        if (!unnamed.isEmpty()) {
            return failed(c, Status.UNRESOLVED, detail + "; targetPort '" + sp.getTargetPort().getStrVal()
                    + "' names no container port of its pods", "kubectl -n " + ns + " get pod " + unnamed.get(0)
                    + " -o jsonpath='{.spec.containers[*].ports}'");
        }
        List<String> notReady = all.stream().filter(v -> !v.ready() && v.pod() != null).map(ServiceEndpoints.View::pod).toList();
        if (!notReady.isEmpty()) {
            return failed(c, Status.UNRESOLVED, detail + " (not ready: " + String.join(", ", notReady) + ")",
                    "kubectl -n " + ns + " describe pod " + notReady.get(0));
        }
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return failed(c, Status.UNRESOLVED, detail + "; it has no selector",
                    "kubectl -n " + ns + " get endpointslices -l " + ClusterSnapshot.SERVICE_NAME_LABEL + "=" + c.name());
        }
        String sel = Selectors.ofLabels(selector).text();
        return failed(c, Status.UNRESOLVED, detail + "; no pod matches its selector " + sel,
                "kubectl -n " + ns + " get pods -l " + sel);
    }

    private Placement workload(Check c) throws ClusterAccessException {
        String name = c.workload() != null ? c.workload() : c.name();
        Selectors.Selector selector;
        String owner;
        Map<String, String> given = selectors.get(name);
        if (given != null) {
            selector = Selectors.ofLabels(given);
            owner = "the selector " + selector.text() + " of workload " + name;
        } else {
            Optional<ClusterSnapshot.Workload> w = snap.workload(name);
            if (w.isEmpty()) {
                return failed(c, Status.UNRESOLVED, "no Deployment or StatefulSet named " + name + " in namespace " + ns,
                        "kubectl -n " + ns + " get deploy,sts: give the workload a selector in the profile if its name differs");
            }
            selector = Selectors.of(w.get().selector());
            owner = "the selector " + selector.text() + " of " + w.get().kind() + " " + name;
        }
        List<Pod> pods = snap.pods().stream().filter(p -> selector.matches(p.getMetadata().getLabels())).toList();
        if (pods.isEmpty()) {
            return failed(c, Status.UNRESOLVED, owner + " matches no pods in namespace " + ns,
                    "kubectl -n " + ns + " get pods -l " + selector.text());
        }
        List<Placement.PodAddress> ready = pods.stream().filter(Pods::ready)
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> new Placement.PodAddress(p.getMetadata().getName(), Pods.ip(p), c.port())).toList();
        if (ready.isEmpty()) {
            String states = pods.stream().map(p -> p.getMetadata().getName() + " (" + Pods.state(p) + ")")
                    .collect(Collectors.joining(", "));
            return failed(c, Status.UNRESOLVED, "workload " + name + " has 0 ready pods of " + pods.size() + ": " + states,
                    "kubectl -n " + ns + " describe pod " + pods.get(0).getMetadata().getName());
        }
        return new Placement.Found(c, null, 0, ready, List.of());
    }

    private static Placement failed(Check c, Status status, String detail, String hint) {
        return new Placement.Failed(new Resolution.Finding(c, status, detail, hint));
    }
}
