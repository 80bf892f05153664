package dev.portprobe.reftable;

import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The table of rules that infer a port's protocol from its row: the usage text, the pod or Service name and the
 * (target) port. Rules are tried in order and the first that matches wins, so specific rules come before general
 * ones ("Metrics gRPC" is gRPC, not metrics over HTTP). A row no rule matches is probed as {@code tcp}, which only
 * proves that something listens; the identifier then reports what answers.
 */
public final class ProtocolRules {

    /** What a rule concluded, and which rule it was. */
    public record Inference(Protocol protocol, String httpPath, String grpcService, Reach reach, String rule,
            String reason) {
    }

    /**
     * The facts a rule looks at, lower-cased. Most rules read only the usage; the rules about named products
     * (redis, extauth, grafana, ...) also read the pod or Service name.
     */
    record Row(String name, int port, String usage) {
        boolean says(Pattern p) {
            return p.matcher(usage).find();
        }

        boolean named(Pattern p) {
            return p.matcher(usage).find() || p.matcher(name).find();
        }
    }

    private record Rule(String id, String reason, Predicate<Row> when, Protocol protocol, String path,
            String grpcService, Reach reach) {
        Inference apply() {
            return new Inference(protocol, path, grpcService, reach, id, reason);
        }
    }

    private static Pattern words(String regex) {
        return Pattern.compile("\\b(?:" + regex + ")\\b");
    }

    private static Rule rule(String id, String reason, Predicate<Row> when, Protocol protocol) {
        return new Rule(id, reason, when, protocol, null, null, Reach.NETWORK);
    }

    private static Rule http(String id, String reason, Predicate<Row> when, String path) {
        return new Rule(id, reason, when, Protocol.HTTP, path, null, Reach.NETWORK);
    }

    private static Rule grpc(String id, String reason, Predicate<Row> when, String service) {
        return new Rule(id, reason, when, Protocol.GRPC, null, service, Reach.NETWORK);
    }

    private static final Pattern REDIS = words("redis");
    private static final Pattern ENVOY_ADMIN = words("admin");
    private static final Pattern ENVOY = words("envoy|gateway-proxy|proxy");
    private static final Pattern XDS = words("xds");
    /** "rest-xds" (Gloo's 9976): xDS served as JSON over HTTP/1.1, not gRPC. */
    private static final Pattern REST = words("rest");
    private static final Pattern GRPC = words("grpc");
    private static final Pattern VALIDATION = words("validation|webhook|admission");
    private static final Pattern EXT_AUTH = words("extauth|ext-auth|external auth\\w*");
    private static final Pattern RATE_LIMIT = words("rate-limit\\w*|rate limit\\w*|ratelimit\\w*");
    private static final Pattern ACCESS_LOG = words("access[- ]log\\w*");
    private static final Pattern WASM = words("wasm");
    private static final Pattern HTTPS = words("https");
    private static final Pattern HTTP = words("http");
    private static final Pattern KUBE_STATE = words("kube-state-metrics|kubernetes metric\\w*");
    private static final Pattern GRAFANA = words("grafana");
    private static final Pattern PROMETHEUS = words("prometheus");
    /** "Prometheus telemetry" or "stats" is an exporter's endpoint, not the Prometheus server. */
    private static final Pattern TELEMETRY = words("telemetry|stats|exporter\\w*");
    private static final Pattern KUBE_API = words("kubernetes api|kube-apiserver|kube apiserver");
    private static final Pattern KUBELET = words("kubelet");
    private static final Pattern HEALTH = words("health\\w*");
    private static final Pattern METRICS = words("metric\\w*");
    private static final Pattern UI = words("ui|console|dashboard\\w*");
    private static final Set<Integer> TLS_PORTS = Set.of(443, 8443);
    private static final Set<Integer> HTTP_PORTS = Set.of(80, 8080, 3000, 9090);

    /** In order; the first rule that matches decides. */
    private static final List<Rule> RULES = List.of(
            rule("redis", "port 6379 or 'redis' is Redis (RESP)", r -> r.port() == 6379 || r.named(REDIS), Protocol.REDIS),
            new Rule("envoy-admin", "Envoy's admin listener (19000) is HTTP, bound to 127.0.0.1 in the pod; /ready "
                    + "answers 200 when Envoy is ready",
                    r -> r.port() == 19000 || r.says(ENVOY_ADMIN) && r.named(ENVOY),
                    Protocol.HTTP, "/ready", null, Reach.POD_LOCAL),
            http("rest", "a REST endpoint (rest-xds: xDS as JSON) is plain HTTP", r -> r.says(REST), null),
            grpc("xds", "xDS is Envoy's discovery protocol over gRPC", r -> r.says(XDS), null),
            grpc("grpc", "the usage says gRPC", r -> r.says(GRPC), null),
            rule("webhook", "an admission/validation webhook on 443/8443 serves HTTPS",
                    r -> r.says(VALIDATION) && TLS_PORTS.contains(r.port()), Protocol.HTTPS),
            grpc("validation-grpc", "Gloo's validation server (not on 443/8443) is gRPC", r -> r.says(VALIDATION), null),
            grpc("ext-auth", "the external auth server is gRPC (Envoy ext_authz), health service 'ext-auth'",
                    r -> r.named(EXT_AUTH), "ext-auth"),
            grpc("rate-limit", "the rate limit server is gRPC (Envoy rate limit service), health service 'ratelimit'",
                    r -> r.named(RATE_LIMIT), "ratelimit"),
            grpc("access-log", "Envoy's access log service is gRPC", r -> r.says(ACCESS_LOG), null),
            http("wasm", "the WASM filter cache is plain HTTP", r -> r.says(WASM), null),
            rule("kube-apiserver", "the Kubernetes API server (6443) serves HTTPS",
                    r -> r.port() == 6443 || r.says(KUBE_API), Protocol.HTTPS),
            rule("kubelet", "the kubelet API (10250) serves HTTPS", r -> r.port() == 10250 || r.says(KUBELET),
                    Protocol.HTTPS),
            rule("https", "the usage says HTTPS", r -> r.says(HTTPS), Protocol.HTTPS),
            http("http", "the usage says HTTP", r -> r.says(HTTP), null),
            http("kube-state-metrics", "kube-state-metrics serves HTTP with /healthz", r -> r.named(KUBE_STATE), "/healthz"),
            http("grafana", "Grafana serves HTTP with /api/health", r -> r.named(GRAFANA), "/api/health"),
            http("prometheus", "Prometheus serves HTTP with /-/ready", r -> r.named(PROMETHEUS) && !r.says(TELEMETRY),
                    "/-/ready"),
            http("healthcheck", "a health check endpoint is HTTP", r -> r.says(HEALTH), null),
            http("metrics", "metrics are scraped over HTTP", r -> r.says(METRICS), null),
            http("ui", "a UI or console is served over HTTP", r -> r.says(UI), null),
            rule("port-tls", "443 and 8443 are the usual HTTPS ports", r -> TLS_PORTS.contains(r.port()), Protocol.HTTPS),
            http("port-http", "80, 8080, 3000 and 9090 are usual HTTP ports", r -> HTTP_PORTS.contains(r.port()), null));

    private ProtocolRules() {
    }

    /**
     * Infers the protocol of one row.
     *
     * @param name  the pod name, or the Service's target (else the Service name)
     * @param port  the container port (the target port of a Service row)
     * @param usage the usage text
     */
    public static Inference infer(String name, int port, String usage) {
        Row row = new Row(name.toLowerCase(Locale.ROOT), port, usage.toLowerCase(Locale.ROOT));
        for (Rule r : RULES) {
            if (r.when().test(row)) {
                return r.apply();
            }
        }
        return new Inference(Protocol.TCP, null, null, Reach.NETWORK, "unknown",
                "no rule matched; tcp only proves that something listens, and the report says what answers");
    }

    /** The rule ids in the order they are tried, for documentation and tests. */
    public static List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }
}
