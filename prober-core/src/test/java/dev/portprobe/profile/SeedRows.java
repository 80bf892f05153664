package dev.portprobe.profile;

import java.util.List;

/**
 * Every row of the seed document's tables (the Gloo "Port Reference"), written out by hand so that tests can check
 * profiles against it. The Enterprise gloo-fed-console Service rows have three cells in the seed; their target and
 * target port are the assumed ones (same name, same port).
 */
public final class SeedRows {
    public record PodRow(String pod, int port, String usage) {
    }

    /** target null: the seed names a target ("access-log") that has no pod row. */
    public record ServiceRow(String service, int port, String target, int targetPort, String usage) {
    }

    public static final List<PodRow> OSS_PODS = List.of(
            new PodRow("gateway", 8443, "Validation"),
            new PodRow("gloo", 9977, "xDS Server"),
            new PodRow("gloo", 9988, "Validation"),
            new PodRow("gloo", 9979, "WASM cache"),
            new PodRow("gloo", 9966, "Metrics gRPC"),
            new PodRow("gateway-proxy", 8080, "HTTP"),
            new PodRow("gateway-proxy", 8443, "HTTPS"),
            new PodRow("gateway-proxy", 19000, "Envoy admin"));

    public static final List<ServiceRow> OSS_SERVICES = List.of(
            new ServiceRow("gateway", 443, "gateway", 8443, "Validation"),
            new ServiceRow("gloo", 9977, "gloo", 9977, "xDS Server"),
            new ServiceRow("gloo", 9988, "gloo", 9988, "Validation"),
            new ServiceRow("gloo", 9979, "gloo", 9979, "WASM cache"),
            new ServiceRow("gloo", 9966, "gloo", 9966, "Metrics gRPC"),
            new ServiceRow("gateway-proxy", 80, "gateway-proxy", 8080, "HTTP"),
            new ServiceRow("gateway-proxy", 443, "gateway-proxy", 8443, "HTTPS"),
            new ServiceRow("access-log", 8083, null, 8083, "Access logging"));

    public static final List<PodRow> ENTERPRISE_PODS = List.of(
            new PodRow("gloo-fed-console", 8090, "UI server"),
            new PodRow("gloo-fed-console", 10101, "API Server"),
            new PodRow("gloo-fed-console", 8081, "healthcheck"),
            new PodRow("extauth", 8083, "External authentication"),
            new PodRow("grafana", 80, "Grafana (unused)"),
            new PodRow("grafana", 3000, "Grafana UI"),
            new PodRow("prometheus-kube-state-metrics", 8080, "Kubernetes metric collection"),
            new PodRow("prometheus-server", 9090, "Prometheus server"),
            new PodRow("rate-limit", 18081, "Rate-limiting"),
            new PodRow("redis", 6379, "Rate-limiting"));

    public static final List<ServiceRow> ENTERPRISE_SERVICES = List.of(
            new ServiceRow("gloo-fed-console", 8090, "gloo-fed-console", 8090, "UI server"),
            new ServiceRow("gloo-fed-console", 10101, "gloo-fed-console", 10101, "API Server"),
            new ServiceRow("gloo-fed-console", 8081, "gloo-fed-console", 8081, "healthcheck"),
            new ServiceRow("extauth", 8083, "extauth", 8083, "External authentication"),
            new ServiceRow("glooe-grafana", 80, "grafana", 3000, "Grafana UI"),
            new ServiceRow("glooe-prometheus-kube-state-metrics", 80, "prometheus-kube-state-metrics", 8080,
                    "Kubernetes metric collection"),
            new ServiceRow("glooe-prometheus-server", 80, "prometheus-server", 9090, "Prometheus server"),
            new ServiceRow("rate-limit", 18081, "rate-limit", 18081, "Rate-limiting"),
            new ServiceRow("redis", 6379, "redis", 6379, "Rate-limiting"));

    private SeedRows() {
    }

    public static PortSpec pod(Profile p, String workload, int port) {
        return p.workloads().stream().filter(w -> w.name().equals(workload)).flatMap(w -> w.ports().stream())
                .filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no pod row " + workload + ":" + port + " in " + p.name()));
    }

    public static ServiceSpec service(Profile p, String name) {
        return p.services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + name + " in " + p.name()));
    }

    public static PortSpec servicePort(Profile p, String name, int port) {
        return service(p, name).ports().stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no Service row " + name + ":" + port + " in " + p.name()));
    }
}
