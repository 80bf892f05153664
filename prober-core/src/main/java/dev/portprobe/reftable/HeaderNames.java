package dev.portprobe.reftable;

import dev.portprobe.profile.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header words that name each column role, matched case-insensitively on letters only ("Port(s)" is
 * "ports", "L4/L7" is "ll"), and the {@code --columns} overrides, which name a column by its header text.
 */
final class HeaderNames {
    static final Set<String> POD = Set.of("pod", "pods", "podname", "deployment", "workload", "container");
    /** Other words for the component that listens; tried after {@link #POD}, Source last (it names the client). */
    static final Set<String> COMPONENT = Set.of("component", "components", "workloads", "destination",
            "destinations", "dest", "server", "application", "app");
    static final Set<String> SOURCE = Set.of("source", "sources", "from");
    static final Set<String> SERVICE = Set.of("service", "services", "servicename");
    static final Set<String> PORT = Set.of("port", "ports", "containerport", "serviceport", "portnumber",
            "containerports", "portnumbers", "number", "defaultport", "defaultports", "portprotocol", "portsprotocol");
    static final Set<String> TARGET = Set.of("target", "targetpod", "targetworkload", "backend");
    static final Set<String> TARGET_PORT = Set.of("targetport", "targetports");
    static final Set<String> USAGE = Set.of("usage", "description", "purpose", "use", "notes", "comment", "comments",
            "function", "details", "remarks");
    static final Set<String> PROTOCOL = Set.of("protocol", "protocols", "ll", "l", "transport", "transportprotocol",
            "proto", "layer");
    /** "Yes" in these columns means the port is reachable only inside the pod. */
    static final Set<String> REACH_LOCAL = Set.of("podinternalonly", "podinternal", "localhostonly", "localhost",
            "localonly", "internal", "internalonly", "podlocal");
    /** "No" in these columns means the port is reachable only inside the pod. */
    static final Set<String> REACH_EXPOSED = Set.of("exposed", "external", "externallyexposed");
    static final Set<String> PORT_NAME = Set.of("portname", "name");
    static final Set<String> STATUS = Set.of("defaultstatus", "status", "enabled", "enabledbydefault");
    /** The roles {@code --columns} may name. */
    static final Set<String> ROLES = Set.of("port", "protocol", "usage", "component", "service", "target",
            "target-port", "reach");

    private final List<String> header;
    private final Map<String, String> overrides;

    HeaderNames(List<String> header, Map<String, String> overrides) {
        this.header = header;
        this.overrides = overrides;
    }

    static String normalize(String cell) {
        return cell.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** The column of {@code role}: the overridden header when --columns names the role, else the first in names. */
    int find(String role, Set<String> names) {
        if (role != null && overrides.containsKey(role)) {
            return indexOf(overrides.get(role));
        }
        for (int i = 0; i < header.size(); i++) {
            if (names.contains(normalize(header.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    int indexOf(String headerText) {
        String wanted = normalize(headerText);
        for (int i = 0; i < header.size(); i++) {
            if (!wanted.isEmpty() && normalize(header.get(i)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** The port column: by name; else the first header ending in "port(s)" that is no name or target port. */
    int port(List<String> notes) {
        if (overrides.containsKey("port")) {
            return indexOf(overrides.get("port"));
        }
        int exact = find(null, PORT);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < header.size(); i++) {
            String h = normalize(header.get(i));
            if ((h.endsWith("port") || h.endsWith("ports")) && !TARGET_PORT.contains(h) && !h.startsWith("target")) {
                notes.add("column " + Texts.quote(header.get(i)) + " taken as the port (use --columns port=HEADER"
                        + " to choose another)");
                return i;
            }
        }
        return -1;
    }

    /** The column naming the component that listens: Pod-like words, then Destination-like, then Source. */
    int component(List<String> notes) {
        if (overrides.containsKey("component")) {
            return indexOf(overrides.get("component"));
        }
        int pod = find(null, POD);
        if (pod >= 0) {
            return pod;
        }
        int component = find(null, COMPONENT);
        if (component >= 0) {
            return component;
        }
        int source = find(null, SOURCE);
        if (source >= 0) {
            notes.add("column " + Texts.quote(header.get(source)) + " taken as the component that listens (there is"
                    + " no Destination or Component column)");
        }
        return source;
    }
}
