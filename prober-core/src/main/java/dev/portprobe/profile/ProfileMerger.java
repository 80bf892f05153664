package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies one file on top of its (already merged) parent; see {@link ProfileLoader} for the rules. Also checks what
 * can only be checked after merging: Service-to-workload references and that every entry has a port.
 */
final class ProfileMerger {
    private ProfileMerger() {
    }

    static Profile merge(Profile parent, ProfileDoc child) throws InputException {
        Map<String, WorkloadSpec> workloads = new LinkedHashMap<>();
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        if (parent != null) {
            parent.workloads().forEach(w -> workloads.put(w.name(), w));
            parent.services().forEach(s -> services.put(s.name(), s));
        }
        for (ProfileDoc.WorkloadDoc w : child.workloads()) {
            WorkloadSpec base = workloads.get(w.name());
            Map<String, String> selector = w.selector() != null ? w.selector() : base == null ? Map.of() : base.selector();
            List<PortSpec> ports = mergePorts(base == null ? List.of() : base.ports(), w.ports());
            requirePorts(child.source(), ports, w.line(), "workload " + w.name());
            workloads.put(w.name(), new WorkloadSpec(w.name(), selector, ports, w.line()));
        }
        for (ProfileDoc.ServiceDoc s : child.services()) {
            ServiceSpec base = services.get(s.name());
            String workload = s.workload() != null ? s.workload() : base == null ? null : base.workload();
            boolean optional = s.optional() != null ? s.optional() : base != null && base.optional();
            List<PortSpec> ports = mergePorts(base == null ? List.of() : base.ports(), s.ports());
            requirePorts(child.source(), ports, s.line(), "Service " + s.name());
            if (s.workload() != null && !workloads.containsKey(s.workload())) {
                throw new InputException(child.source(), s.workloadLine(), "Service " + s.name() + " names workload "
                        + s.workload() + ", which no workload defines; workloads: " + names(workloads.keySet()));
            }
            services.put(s.name(), new ServiceSpec(s.name(), workload, optional, ports, s.line()));
        }
        String title = child.title() != null ? child.title() : parent == null ? null : parent.title();
        String namespace = child.namespace() != null ? child.namespace() : parent == null ? null : parent.namespace();
        return new Profile(child.name(), title, child.extendsName(), namespace, new ArrayList<>(workloads.values()),
                new ArrayList<>(services.values()), child.source());
    }

    /** Parent ports in order, each replaced by the child's port with the same number; then the child's new ports. */
    static List<PortSpec> mergePorts(List<PortSpec> parent, List<PortSpec> child) {
        Map<Integer, PortSpec> byPort = new LinkedHashMap<>();
        parent.forEach(p -> byPort.put(p.port(), p));
        child.forEach(p -> byPort.put(p.port(), p));
        return new ArrayList<>(byPort.values());
    }

    private static void requirePorts(String source, List<PortSpec> ports, int line, String what) throws InputException {
        if (ports.isEmpty()) {
            throw new InputException(source, line, what + " has no ports; give it a 'ports' list");
        }
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "(none)" : names.stream().collect(Collectors.joining(", "));
    }
}
