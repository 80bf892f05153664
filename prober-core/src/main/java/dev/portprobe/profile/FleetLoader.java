package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a fleet file with the profiles' located YAML ({@link YamlReader}, {@link Fields}): every error
 * names the file and line. A cluster's {@code profile} is a built-in name or a file next to the fleet file.
 *
 * <pre>
 * apiVersion: portprobe/v1
 * kind: Fleet
 * clusters:
 *   - {name: mgmt, context: kind-mgmt, profile: gloo-mesh-enterprise, namespace: gloo-mesh}
 *   - {name: east, context: kind-east, profile: gloo-mesh-agent.yaml}
 * crossCluster:
 *   - from: [east]            # default: every other cluster
 *     to: {cluster: mgmt, service: gloo-mesh-mgmt-server, port: 9900}
 *     protocol: grpc          # default: as the target cluster's profile lists that port
 * </pre>
 */
public final class FleetLoader {
    static final String KIND = "Fleet";
    static final List<String> TOP_KEYS = List.of("apiVersion", "kind", "clusters", "crossCluster");
    static final List<String> CLUSTER_KEYS = List.of("name", "context", "profile", "namespace");
    static final List<String> CROSS_KEYS = List.of("from", "to", "protocol", "usage");
    static final List<String> TO_KEYS = List.of("cluster", "service", "namespace", "port");

    private final String source;
    private final Path dir;

    private FleetLoader(String source, Path dir) {
        this.source = source;
        this.dir = dir;
    }

    public static Fleet load(Path file) throws InputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), 0, "no such fleet file");
        } catch (IOException | RuntimeException e) {
            throw new InputException(file.toString(), 0, "cannot read the fleet file: " + Texts.oneLine(e.getMessage()), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, parent == null ? Path.of(".") : parent);
    }

    /** @param dir where the profile files a cluster names are looked up */
    public static Fleet parse(String source, String text, Path dir) throws InputException {
        return new FleetLoader(source, dir).fleet(YamlReader.read(source, text));
    }

    private Fleet fleet(YamlNode root) throws InputException {
        Fields f = Fields.of(source, root, "the fleet file", TOP_KEYS);
        String apiVersion = f.requiredString("apiVersion");
        if (!ProfileParser.API_VERSION.equals(apiVersion)) {
            throw new InputException(source, f.lineOf("apiVersion"),
                    "apiVersion must be " + ProfileParser.API_VERSION + ", found " + Texts.quote(apiVersion));
        }
        String kind = f.requiredString("kind");
        if (!KIND.equals(kind)) {
            throw new InputException(source, f.lineOf("kind"), "kind must be " + KIND + ", found " + Texts.quote(kind));
        }
        YamlNode.Sequence list = f.optionalList("clusters");
        if (list == null || list.items().isEmpty()) {
            throw new InputException(source, f.lineOf("clusters"), "a fleet needs at least one cluster under clusters:");
        }
        Map<String, Fleet.Cluster> clusters = new LinkedHashMap<>();
        Map<String, Integer> contexts = new HashMap<>();
        for (YamlNode item : list.items()) {
            Fleet.Cluster c = cluster(item);
            Fleet.Cluster earlier = clusters.putIfAbsent(c.name(), c);
            if (earlier != null) {
                throw new InputException(source, c.line(), "cluster " + c.name() + " is defined twice (first at line "
                        + earlier.line() + ")");
            }
            Integer first = contexts.putIfAbsent(c.context(), c.line());
            if (first != null) {
                throw new InputException(source, c.line(), "context " + Texts.quote(c.context())
                        + " is used by two clusters (first at line " + first + "); a fleet names each cluster once");
            }
        }
        List<Fleet.CrossCheck> cross = new ArrayList<>();
        YamlNode.Sequence crossList = f.optionalList("crossCluster");
        for (YamlNode item : crossList == null ? List.<YamlNode>of() : crossList.items()) {
            cross.add(crossCheck(item, clusters));
        }
        return new Fleet(source, List.copyOf(clusters.values()), cross);
    }

    private Fleet.Cluster cluster(YamlNode item) throws InputException {
        Fields f = Fields.of(source, item, "a cluster", CLUSTER_KEYS);
        String name = f.requiredString("name");
        if (!Names.isLabel(name)) {
            throw new InputException(source, f.lineOf("name"), "cluster name " + Texts.quote(name)
                    + " is not a name (lower-case letters, digits and '-', at most 63)");
        }
        String context = f.requiredString("context");
        if (context.isBlank()) {
            throw new InputException(source, f.lineOf("context"), "context is empty: name a kubeconfig context");
        }
        String namespace = f.optionalString("namespace");
        if (namespace != null && !Names.isLabel(namespace)) {
            throw new InputException(source, f.lineOf("namespace"), "namespace " + Texts.quote(namespace)
                    + " is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)");
        }
        String profileName = f.requiredString("profile");
        Profile profile;
        try {
            profile = profile(profileName);
        } catch (InputException e) {
            if (e.file() != null && !e.file().equals(source) && !e.file().equals("-p")) {
                throw e; // the profile file's own located error
            }
            throw new InputException(source, f.lineOf("profile"), "cluster " + name + ": " + e.reason(), e);
        }
        return new Fleet.Cluster(name, context, profile, namespace, f.line());
    }

    /** A built-in name, or a file: a relative path is taken from the fleet file's directory. */
    private Profile profile(String nameOrFile) throws InputException {
        boolean looksLikePath = nameOrFile.contains("/") || nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
        if (!looksLikePath) {
            return ProfileLoader.resolve(nameOrFile);
        }
        Path p = Path.of(nameOrFile);
        return ProfileLoader.load(p.isAbsolute() ? p : dir.resolve(p));
    }

    private Fleet.CrossCheck crossCheck(YamlNode item, Map<String, Fleet.Cluster> clusters) throws InputException {
        Fields f = Fields.of(source, item, "a cross-cluster check", CROSS_KEYS);
        YamlNode toNode = f.node("to");
        if (toNode == null) {
            throw f.missing("to");
        }
        Fields to = Fields.of(source, toNode, "to:", TO_KEYS);
        String target = known(to.requiredString("cluster"), to.lineOf("cluster"), clusters);
        String service = to.requiredString("service");
        if (!Names.isLabel(service)) {
            throw new InputException(source, to.lineOf("service"), "Service name " + Texts.quote(service)
                    + " is not a Kubernetes Service name");
        }
        int port = to.requiredPort("port");
        Fleet.Cluster owner = clusters.get(target);
        String namespace = to.optionalString("namespace");
        if (namespace == null) {
            namespace = owner.namespace() != null ? owner.namespace()
                    : owner.profile().namespace() != null ? owner.profile().namespace() : "default";
        }
        List<String> from = new ArrayList<>();
        YamlNode.Sequence fromList = f.optionalList("from");
        if (fromList == null) {
            clusters.keySet().stream().filter(n -> !n.equals(target)).forEach(from::add);
        } else {
            for (YamlNode n : fromList.items()) {
                if (!(n instanceof YamlNode.Scalar s) || s.text() == null) {
                    throw new InputException(source, n.line(), "from: lists cluster names, found " + n.describe());
                }
                String name = known(s.text(), n.line(), clusters);
                if (name.equals(target)) {
                    throw new InputException(source, n.line(), "cluster " + name + " is the target itself: a "
                            + "cross-cluster check goes from another cluster");
                }
                from.add(name);
            }
        }
        if (from.isEmpty()) {
            throw new InputException(source, f.line(), "a cross-cluster check needs another cluster to start from");
        }
        PortSpec spec = spec(f, owner, service, port);
        return new Fleet.CrossCheck(from, target, service, namespace, spec, f.line());
    }

    /** The port as the target's profile lists it, with the fleet file's protocol and usage, if given, on top. */
    private PortSpec spec(Fields f, Fleet.Cluster owner, String service, int port) throws InputException {
        PortSpec listed = owner.profile().services().stream().filter(s -> s.name().equals(service))
                .flatMap(s -> s.ports().stream()).filter(p -> p.port() == port).findFirst().orElse(null);
        String protocolText = f.optionalString("protocol");
        Protocol protocol = null;
        if (protocolText != null) {
            protocol = Protocol.fromId(protocolText).orElseThrow(() -> new InputException(source,
                    f.lineOf("protocol"), "unknown protocol " + Texts.quote(protocolText) + " (valid: "
                    + Protocol.allIds() + ")"));
        }
        if (listed == null && protocol == null) {
            throw new InputException(source, f.line(), "protocol is missing: profile " + owner.profile().name()
                    + " of cluster " + owner.name() + " does not list Service " + service + " port " + port);
        }
        String usage = f.optionalString("usage");
        PortSpec base = listed != null ? listed
                : new PortSpec(port, null, null, protocol, usage, null, null, null, null, false, f.line());
        PortSpec out = protocol != null ? base.withProtocol(protocol) : base;
        if (usage != null && listed != null) {
            out = new PortSpec(out.port(), out.targetPort(), out.name(), out.protocol(), usage, out.http(), out.grpc(),
                    out.tls(), out.reach(), out.optional(), out.line(), out.dns());
        }
        return out;
    }

    private String known(String name, int line, Map<String, Fleet.Cluster> clusters) throws InputException {
        if (!clusters.containsKey(name)) {
            throw new InputException(source, line, "no cluster named " + Texts.quote(name) + " in this fleet (clusters: "
                    + String.join(", ", clusters.keySet()) + ")");
        }
        return name;
    }
}
