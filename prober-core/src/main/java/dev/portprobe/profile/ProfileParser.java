package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link YamlNode} tree into a {@link ProfileDoc}, validating keys, types, names and ports of one file. */
final class ProfileParser {
    static final String API_VERSION = "portprobe/v1";

    static final List<String> TOP_KEYS =
            List.of("apiVersion", "name", "title", "extends", "namespace", "workloads", "services");
    static final List<String> WORKLOAD_KEYS = List.of("name", "selector", "ports");
    static final List<String> SERVICE_KEYS = List.of("name", "workload", "optional", "ports");

    private final String source;

    private ProfileParser(String source) {
        this.source = source;
    }

    static ProfileDoc parse(String source, YamlNode root) throws InputException {
        return new ProfileParser(source).profile(root);
    }

    private ProfileDoc profile(YamlNode root) throws InputException {
        Fields f = Fields.of(source, root, "the profile", TOP_KEYS);
        String apiVersion = f.requiredString("apiVersion");
        if (!API_VERSION.equals(apiVersion)) {
            throw new InputException(source, f.lineOf("apiVersion"),
                    "apiVersion must be " + API_VERSION + ", found " + Texts.quote(apiVersion));
        }
        String name = name(f, "name", "profile");
        String namespace = f.optionalString("namespace");
        if (namespace != null && !Names.isLabel(namespace)) {
            throw new InputException(source, f.lineOf("namespace"), "namespace " + Texts.quote(namespace)
                    + " is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)");
        }
        String extendsName = f.optionalString("extends");
        List<ProfileDoc.WorkloadDoc> workloads = workloads(f.optionalList("workloads"));
        List<ProfileDoc.ServiceDoc> services = services(f.optionalList("services"));
        return new ProfileDoc(source, name, f.optionalString("title"), extendsName, f.lineOf("extends"), namespace,
                workloads, services);
    }

    private List<ProfileDoc.WorkloadDoc> workloads(YamlNode.Sequence list) throws InputException {
        List<ProfileDoc.WorkloadDoc> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            Fields f = Fields.of(source, item, "a workload", WORKLOAD_KEYS);
            String name = name(f, "name", "workload");
            unique(seen, name, f.line(), "workload");
            List<PortSpec> ports = ports(f.optionalList("ports"), PortParser.Owner.WORKLOAD, "workload " + name);
            out.add(new ProfileDoc.WorkloadDoc(name, f.optionalStringMap("selector"), ports, f.line()));
        }
        return out;
    }

    private List<ProfileDoc.ServiceDoc> services(YamlNode.Sequence list) throws InputException {
        List<ProfileDoc.ServiceDoc> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            Fields f = Fields.of(source, item, "a Service", SERVICE_KEYS);
            String name = name(f, "name", "Service");
            unique(seen, name, f.line(), "Service");
            String workload = f.has("workload") ? name(f, "workload", "workload") : null;
            List<PortSpec> ports = ports(f.optionalList("ports"), PortParser.Owner.SERVICE, "Service " + name);
            out.add(new ProfileDoc.ServiceDoc(name, workload, f.lineOf("workload"), f.optionalBoolean("optional"),
                    ports, f.line()));
        }
        return out;
    }

    private List<PortSpec> ports(YamlNode.Sequence list, PortParser.Owner owner, String where) throws InputException {
        List<PortSpec> out = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        for (YamlNode item : list == null ? List.<YamlNode>of() : list.items()) {
            PortSpec p = PortParser.port(source, item, owner);
            Integer first = seen.putIfAbsent(p.port(), p.line());
            if (first != null) {
                throw new InputException(source, p.line(), "port " + p.port() + " is listed twice in " + where
                        + " (first at line " + first + ")");
            }
            out.add(p);
        }
        return out;
    }

    private String name(Fields f, String key, String what) throws InputException {
        String name = f.requiredString(key);
        if (!Names.isName(name)) {
            throw new InputException(source, f.lineOf(key), what + " name " + Texts.quote(name)
                    + " is not a Kubernetes name (lower-case letters, digits, '-' and '.')");
        }
        return name;
    }

    private void unique(Map<String, Integer> seen, String name, int line, String what) throws InputException {
        Integer first = seen.putIfAbsent(name, line);
        if (first != null) {
            throw new InputException(source, line, what + " " + name + " is defined twice (first at line " + first
                    + "); list each " + what + " once with all its ports");
        }
    }
}
