package dev.portprobe.profile;

import dev.portprobe.InputException;
import java.util.List;
import java.util.Optional;

/** Parses one port entry and its protocol options. */
final class PortParser {
    enum Owner { WORKLOAD, SERVICE }

    static final List<String> SERVICE_PORT_KEYS =
            List.of("port", "targetPort", "name", "protocol", "http", "grpc", "tls", "dns", "usage", "reach", "optional");
    static final List<String> WORKLOAD_PORT_KEYS =
            List.of("port", "name", "protocol", "http", "grpc", "tls", "dns", "usage", "reach", "optional");

    private PortParser() {
    }

    static PortSpec port(String source, YamlNode node, Owner owner) throws InputException {
        List<String> keys = owner == Owner.SERVICE ? SERVICE_PORT_KEYS : WORKLOAD_PORT_KEYS;
        Fields f = Fields.of(source, node, owner == Owner.SERVICE ? "a Service port" : "a workload port", keys);
        int port = f.requiredPort("port");
        Integer targetPort = f.optionalPort("targetPort");
        String name = f.optionalString("name");
        if (name != null && !Names.isLabel(name)) {
            throw new InputException(source, f.lineOf("name"), "port name " + Texts.quote(name)
                    + " is not a Kubernetes port name (lower-case letters, digits and '-')");
        }
        Protocol protocol = protocol(source, f);
        HttpOptions http = http(source, f, protocol);
        GrpcOptions grpc = grpc(source, f, protocol);
        TlsOptions tls = tls(source, f, protocol);
        DnsOptions dns = dns(source, f, protocol);
        Reach reach = reach(source, f);
        String usage = f.has("usage") ? f.optionalString("usage") : "";
        Boolean optional = f.optionalBoolean("optional");
        return new PortSpec(port, targetPort, name, protocol, usage, http, grpc, tls, reach,
                optional != null && optional, f.line(), dns);
    }

    private static Protocol protocol(String source, Fields f) throws InputException {
        String id = f.requiredString("protocol");
        Optional<Protocol> p = Protocol.fromId(id);
        if (p.isEmpty()) {
            throw new InputException(source, f.lineOf("protocol"),
                    "unknown protocol " + Texts.quote(id) + "; valid protocols: " + Protocol.allIds());
        }
        return p.get();
    }

    private static HttpOptions http(String source, Fields port, Protocol protocol) throws InputException {
        if (!port.has("http")) {
            return null;
        }
        onlyFor(source, port, "http", protocol, protocol == Protocol.HTTP || protocol == Protocol.HTTPS, "http, https");
        Fields f = Fields.of(source, port.node("http"), "http options", List.of("path", "expectStatus"));
        String path = f.optionalString("path");
        if (path != null && (!path.startsWith("/") || !path.matches("\\S+"))) {
            throw new InputException(source, f.lineOf("path"),
                    "http.path must start with '/' and contain no spaces, found " + Texts.quote(path));
        }
        String expect = f.optionalString("expectStatus");
        if (expect != null && StatusRanges.parse(expect).isEmpty()) {
            throw new InputException(source, f.lineOf("expectStatus"), "http.expectStatus " + Texts.quote(expect)
                    + " is not a list of status codes or ranges such as 200-399 or 200,204");
        }
        return new HttpOptions(path, expect);
    }

    private static GrpcOptions grpc(String source, Fields port, Protocol protocol) throws InputException {
        if (!port.has("grpc")) {
            return null;
        }
        onlyFor(source, port, "grpc", protocol, protocol.isGrpc(), "grpc, grpc-tls, grpc-mtls");
        Fields f = Fields.of(source, port.node("grpc"), "grpc options", List.of("service"));
        return new GrpcOptions(f.optionalString("service"));
    }

    private static DnsOptions dns(String source, Fields port, Protocol protocol) throws InputException {
        if (!port.has("dns")) {
            return null;
        }
        onlyFor(source, port, "dns", protocol, protocol.isDns(), "dns, dns-udp");
        Fields f = Fields.of(source, port.node("dns"), "dns options", List.of("name"));
        String name = f.optionalString("name");
        if (name != null && !Names.isDnsName(name)) {
            throw new InputException(source, f.lineOf("name"), "dns.name " + Texts.quote(name)
                    + " is not a DNS name (labels of letters, digits, '-' and '_', separated by dots)");
        }
        return new DnsOptions(name);
    }

    private static TlsOptions tls(String source, Fields port, Protocol protocol) throws InputException {
        if (!port.has("tls")) {
            return null;
        }
        onlyFor(source, port, "tls", protocol, protocol.overTls(), "tls, mtls, https, grpc-tls, grpc-mtls");
        Fields f = Fields.of(source, port.node("tls"), "tls options", List.of("serverName"));
        return new TlsOptions(f.optionalString("serverName"));
    }

    private static Reach reach(String source, Fields f) throws InputException {
        String r = f.optionalString("reach");
        if (r == null) {
            return Reach.NETWORK;
        }
        for (Reach reach : Reach.values()) {
            if (reach.id().equals(r)) {
                return reach;
            }
        }
        throw new InputException(source, f.lineOf("reach"),
                "unknown reach " + Texts.quote(r) + "; valid values: network, pod-local");
    }

    private static void onlyFor(String source, Fields port, String key, Protocol protocol, boolean ok, String valid)
            throws InputException {
        if (!ok) {
            throw new InputException(source, port.lineOf(key), key + " options apply only to " + valid
                    + " ports; this port is " + protocol.id());
        }
    }
}
