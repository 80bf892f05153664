package dev.portprobe.reftable;

import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.Texts;
import dev.portprobe.profile.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows of every table into one profile. Rows are grouped by pod and by Service name in order of first
 * appearance; a row whose (name, port) was already seen, in this section or another, is dropped with a warning that
 * names the first one. Service targets that have no pod row keep the Service without a workload.
 */
final class ProfileAssembler {
    private record Seen<T>(T row, String section) {
    }

    private final List<ImportWarning> warnings;
    private final Map<String, Map<Integer, Seen<RowReader.PodRow>>> pods = new LinkedHashMap<>();
    private final Map<String, Map<Integer, Seen<RowReader.ServiceRow>>> services = new LinkedHashMap<>();

    ProfileAssembler(List<ImportWarning> warnings) {
        this.warnings = warnings;
    }

    void addPods(List<RowReader.PodRow> rows, String section) {
        for (RowReader.PodRow r : rows) {
            Map<Integer, Seen<RowReader.PodRow>> ports = pods.computeIfAbsent(r.pod(), k -> new LinkedHashMap<>());
            Seen<RowReader.PodRow> first = ports.get(r.port());
            if (first != null) {
                warnings.add(ImportWarning.warn(r.line(), "pod " + r.pod() + " port " + r.port()
                        + " is already listed at line " + first.row().line() + where(first.section(), section)
                        + "; kept the first row"));
            } else {
                ports.put(r.port(), new Seen<>(r, section));
            }
        }
    }

    void addServices(List<RowReader.ServiceRow> rows, String section) {
        for (RowReader.ServiceRow r : rows) {
            Map<Integer, Seen<RowReader.ServiceRow>> ports = services.computeIfAbsent(r.service(), k -> new LinkedHashMap<>());
            Seen<RowReader.ServiceRow> first = ports.get(r.port());
            String firstTarget = ports.isEmpty() ? r.target() : ports.values().iterator().next().row().target();
            if (first != null) {
                warnings.add(ImportWarning.warn(r.line(), "Service " + r.service() + " port " + r.port()
                        + " is already listed at line " + first.row().line() + where(first.section(), section)
                        + "; kept the first row"));
            } else if (!firstTarget.equals(r.target())) {
                warnings.add(ImportWarning.warn(r.line(), "Service " + r.service() + " targets " + r.target()
                        + " here but " + firstTarget + " in its first row; a Service targets one workload, so "
                        + firstTarget + " is kept"));
                ports.put(r.port(), new Seen<>(r, section));
            } else {
                ports.put(r.port(), new Seen<>(r, section));
            }
        }
    }

    boolean hasPod(String name) {
        return pods.containsKey(name);
    }

    boolean isEmpty() {
        return pods.isEmpty() && services.isEmpty();
    }

    Profile build(String name, String title, String namespace, String source) {
        List<WorkloadSpec> workloads = new ArrayList<>();
        pods.forEach((pod, ports) -> workloads.add(new WorkloadSpec(pod, Map.of(),
                ports.values().stream().map(s -> podPort(s.row())).toList(), firstLine(ports))));
        List<ServiceSpec> specs = new ArrayList<>();
        services.forEach((service, ports) -> specs.add(service(service, ports)));
        return new Profile(name, title, null, namespace, workloads, specs, source);
    }

    private ServiceSpec service(String name, Map<Integer, Seen<RowReader.ServiceRow>> ports) {
        RowReader.ServiceRow first = ports.values().iterator().next().row();
        String workload = first.target();
        if (!pods.containsKey(workload)) {
            warnings.add(ImportWarning.warn(first.line(), "Service " + name + " targets " + workload
                    + ", which has no row in a pods table; kept the Service without a workload (it is resolved"
                    + " through its own endpoints)"));
            workload = null;
        }
        List<PortSpec> specs = new ArrayList<>();
        for (Seen<RowReader.ServiceRow> s : ports.values()) {
            RowReader.ServiceRow r = s.row();
            if (workload != null && !pods.get(workload).containsKey(r.targetPort())) {
                warnings.add(ImportWarning.warn(r.line(), "Service " + name + " port " + r.port() + " targets port "
                        + r.targetPort() + ", which the pods table does not list for " + workload));
            }
            specs.add(spec(r.line(), r.port(), r.targetPort(), name + " " + r.port(), first.target(), r.usage(),
                    r.unused(), r.hints()));
        }
        return new ServiceSpec(name, workload, false, specs, first.line());
    }

    private PortSpec podPort(RowReader.PodRow r) {
        return spec(r.line(), r.port(), null, r.pod() + " " + r.port(), r.pod(), r.usage(), r.unused(), r.hints());
    }

    private PortSpec spec(int line, int port, Integer targetPort, String what, String name, String usage,
            boolean optional, RowReader.Hints hints) {
        int container = targetPort == null ? port : targetPort;
        ProtocolWords.Decision d = ProtocolWords.decide(hints.protocol(), name, container, usage);
        Reach reach = hints.reach() != null ? hints.reach() : d.reach();
        StringBuilder note = new StringBuilder(what + " " + Texts.quote(usage) + " -> " + d.protocol().id());
        if (d.httpPath() != null) {
            note.append(" ").append(d.httpPath());
        }
        if (d.grpcService() != null) {
            note.append(" (health service ").append(d.grpcService()).append(")");
        }
        if (reach != Reach.NETWORK) {
            note.append(", ").append(reach.id());
            if (hints.reachNote() != null) {
                note.append(" (").append(hints.reachNote()).append(")");
            }
        }
        note.append(" (").append(d.why()).append(")");
        warnings.add(d.guess() ? ImportWarning.warn(line, note.toString()) : ImportWarning.info(line, note.toString()));
        boolean http = d.protocol() == dev.portprobe.profile.Protocol.HTTP
                || d.protocol() == dev.portprobe.profile.Protocol.HTTPS;
        return new PortSpec(port, targetPort, null, d.protocol(), usage,
                d.httpPath() == null || !http ? null : new HttpOptions(d.httpPath(), null),
                d.grpcService() == null || !d.protocol().isGrpc() ? null : new GrpcOptions(d.grpcService()), null,
                reach, optional, line);
    }

    private static int firstLine(Map<Integer, ? extends Seen<?>> ports) {
        Seen<?> s = ports.values().iterator().next();
        return s.row() instanceof RowReader.PodRow p ? p.line() : ((RowReader.ServiceRow) s.row()).line();
    }

    private static String where(String firstSection, String section) {
        return firstSection.equals(section) ? "" : " (section " + Texts.quote(firstSection) + ")";
    }
}
