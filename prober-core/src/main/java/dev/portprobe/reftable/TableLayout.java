package dev.portprobe.reftable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which kind of port table a header describes, and where its columns are. Columns are found by name
 * ({@link HeaderNames}), or as {@code --columns} says, so their order may vary:
 * <ul>
 *   <li>a pods table has a Pod (or Component, Workload, Destination...) column and a Port column;</li>
 *   <li>a Services table has Service and Port (and usually Target, Target Port and Usage);</li>
 *   <li>any other table with a port column is a port table: its rows belong to the component that the headings
 *       above it, a group row or {@code --component} name ({@code name} is then -1).</li>
 * </ul>
 * Optional columns: protocol, usage, reach flags (Pod-internal only, Exposed...), port name, default status.
 * -1 marks a missing column.
 *
 * @param reachYesIsLocal true when "yes" in the reach column means pod-local ("Pod-internal only"), false when
 *                        "no" does ("Exposed")
 * @param notes           what was chosen among several candidate columns, for the importer's warnings
 */
record TableLayout(Kind kind, int name, int port, int target, int targetPort, int usage, int width, int protocol,
        int reach, boolean reachYesIsLocal, int portName, int status, List<String> header, List<String> notes) {
    enum Kind { PODS, SERVICES }

    TableLayout(Kind kind, int name, int port, int target, int targetPort, int usage, int width) {
        this(kind, name, port, target, targetPort, usage, width, -1, -1, true, -1, -1, List.of(), List.of());
    }

    /** The layout of a header, or empty when it is no port table; {@code overrides} maps a role to a header. */
    static Optional<TableLayout> of(List<String> header, Map<String, String> overrides) {
        HeaderNames names = new HeaderNames(header, overrides);
        List<String> notes = new ArrayList<>();
        int port = names.port(notes);
        if (port < 0) {
            return Optional.empty();
        }
        int usage = names.find("usage", HeaderNames.USAGE);
        int protocol = names.find("protocol", HeaderNames.PROTOCOL);
        int reachLocal = names.find("reach", HeaderNames.REACH_LOCAL);
        int reachExposed = reachLocal >= 0 ? -1 : names.find("reach", HeaderNames.REACH_EXPOSED);
        int reach = reachLocal >= 0 ? reachLocal : reachExposed;
        int portName = names.find(null, HeaderNames.PORT_NAME);
        int status = names.find(null, HeaderNames.STATUS);
        int service = names.find("service", HeaderNames.SERVICE);
        if (service >= 0) {
            return Optional.of(new TableLayout(Kind.SERVICES, service, port, names.find("target", HeaderNames.TARGET),
                    names.find("target-port", HeaderNames.TARGET_PORT), usage, header.size(), protocol, reach,
                    reachLocal >= 0, portName, status, header, notes));
        }
        int pod = names.component(notes);
        return Optional.of(new TableLayout(Kind.PODS, pod, port, -1, -1, usage, header.size(), protocol, reach,
                reachLocal >= 0, portName, status, header, notes));
    }

    static Optional<TableLayout> of(List<String> header) {
        return of(header, Map.of());
    }

    /** True for a table laid out as Gloo's: only the pods and Services columns, no protocol or reach column. */
    boolean classic() {
        return protocol < 0 && reach < 0 && portName < 0 && status < 0 && name >= 0;
    }

    String column(int index) {
        return index < 0 || index >= header.size() ? "" : header.get(index);
    }

    String describe() {
        if (kind == Kind.SERVICES) {
            return "Services table";
        }
        return name >= 0 && classic() ? "pods table" : "port table";
    }
}
