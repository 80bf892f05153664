package dev.portprobe.reftable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which kind of port table a header describes, and where its columns are. Columns are found by name, so their order
 * may vary: a pods table has Pod and Port (and usually Usage); a Services table has Service and Port (and usually
 * Target, Target Port and Usage). -1 marks a missing column.
 */
record TableLayout(Kind kind, int name, int port, int target, int targetPort, int usage, int width) {
    enum Kind { PODS, SERVICES }

    private static final Set<String> POD = Set.of("pod", "pods", "podname", "deployment", "workload", "container");
    private static final Set<String> SERVICE = Set.of("service", "services", "servicename");
    private static final Set<String> PORT = Set.of("port", "ports", "containerport", "serviceport", "portnumber");
    private static final Set<String> TARGET = Set.of("target", "targetpod", "targetworkload", "backend");
    private static final Set<String> TARGET_PORT = Set.of("targetport", "targetports");
    private static final Set<String> USAGE = Set.of("usage", "description", "purpose", "use", "notes", "comment");

    static Optional<TableLayout> of(List<String> header) {
        int service = find(header, SERVICE);
        int pod = find(header, POD);
        int port = find(header, PORT);
        int usage = find(header, USAGE);
        if (port < 0) {
            return Optional.empty();
        }
        if (service >= 0) {
            return Optional.of(new TableLayout(Kind.SERVICES, service, port, find(header, TARGET),
                    find(header, TARGET_PORT), usage, header.size()));
        }
        if (pod >= 0) {
            return Optional.of(new TableLayout(Kind.PODS, pod, port, -1, -1, usage, header.size()));
        }
        return Optional.empty();
    }

    private static int find(List<String> header, Set<String> names) {
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(normalize(header.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String normalize(String cell) {
        return cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    String describe() {
        return kind == Kind.PODS ? "pods table" : "Services table";
    }
}
