package dev.portprobe.learn;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.resolve.LiveInventory;
import dev.portprobe.resolve.LiveInventory.LivePort;
import dev.portprobe.resolve.LiveInventory.LiveService;
import dev.portprobe.resolve.LiveInventory.LiveWorkload;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The draft a learn run starts from: every Service port and every container port of the workloads (the Services'
 * and those the selector picks), each promising {@code tcp}; the plan probes the container ports no Service targets. Over several namespaces, the union by name; a Service that some namespace lacks, or that has
 * no ready endpoint in any, is {@code optional}. A Deployment's or StatefulSet's row is found by its name, as
 * {@code probe} finds it; a DaemonSet's carries its pods' labels as the selector.
 */
public final class Drafts {
    private Drafts() {
    }

    public static Profile draft(String name, List<LiveInventory> namespaces) {
        Map<String, List<LiveService>> services = new LinkedHashMap<>();
        Map<String, LiveWorkload> workloads = new LinkedHashMap<>();
        for (LiveInventory ns : namespaces) {
            ns.services().forEach(s -> services.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
            ns.workloads().forEach(w -> workloads.putIfAbsent(w.name(), w));
        }
        List<WorkloadSpec> workloadRows = new ArrayList<>();
        for (LiveWorkload w : workloads.values()) {
            List<PortSpec> ports = new ArrayList<>();
            for (LivePort p : w.ports()) {
                ports.add(new PortSpec(p.port(), null, null, Protocol.TCP, p.name() == null ? "" : p.name(),
                        null, null, null, null, false, 0));
            }
            if (!ports.isEmpty()) {
                Map<String, String> selector = w.kind().equals("DaemonSet") ? w.podLabels() : Map.of();
                workloadRows.add(new WorkloadSpec(w.name(), selector, ports, 0));
            }
        }
        Set<String> written = new HashSet<>();
        workloadRows.forEach(w -> written.add(w.name()));
        List<ServiceSpec> serviceRows = new ArrayList<>();
        for (List<LiveService> same : services.values()) {
            LiveService s = same.get(0);
            boolean optional = same.size() < namespaces.size() || same.stream().allMatch(x -> x.readyEndpoints() == 0);
            List<PortSpec> ports = new ArrayList<>();
            for (LivePort p : s.ports()) {
                Integer target = p.targetPort() == null || p.targetPort() == p.port() ? null : p.targetPort();
                ports.add(new PortSpec(p.port(), target, p.name(), Protocol.TCP, "", null, null, null, null, false, 0));
            }
            if (!ports.isEmpty()) {
                String workload = s.workload() != null && written.contains(s.workload()) ? s.workload() : null;
                serviceRows.add(new ServiceSpec(s.name(), workload, optional, ports, 0));
            }
        }
        String where = String.join(", ", namespaces.stream().map(LiveInventory::namespace).toList());
        return new Profile(name, "Learned from " + where + " by portprobe learn", null,
                namespaces.size() == 1 ? namespaces.get(0).namespace() : null, workloadRows, serviceRows, "learned");
    }
}
