package dev.portprobe.report;

import dev.portprobe.outcome.Phases;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reports built in code for the renderer tests: every status, drift, TLS facts, nulls, hostile text. */
final class SampleReports {
    static final Instant STARTED = Instant.parse("2026-11-26T15:00:00.125Z");

    private SampleReports() {
    }

    static Check service(String name, String workload, int port, int targetPort, Protocol protocol, String usage,
                         boolean required) {
        PortSpec spec = new PortSpec(port, targetPort == port ? null : targetPort, null, protocol, usage, null, null, null,
                null, !required, 0);
        return new Check(name, CheckKind.SERVICE, workload, port, targetPort, spec, required, false);
    }

    static Check workload(String name, int port, Protocol protocol, String usage) {
        PortSpec spec = new PortSpec(port, null, null, protocol, usage, null, null, null, null, false, 0);
        return new Check(name, CheckKind.WORKLOAD, name, port, port, spec, true, false);
    }

    static CheckResult ok(Check check, String observed, String detail, double latencyMs) {
        return new CheckResult(check, Status.OK, observed, "127.0.0.1:" + check.port(), null, latencyMs, detail, null,
                List.of(), null);
    }

    static CheckResult failed(Check check, Status status, String observed, String detail, String hint) {
        return new CheckResult(check, status, observed, "127.0.0.1:" + check.port(), null, 2.5, detail, hint, List.of(),
                null);
    }

    static TlsInfo tls() {
        return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2", "CN=gloo.gloo-system.svc",
                List.of("gloo.gloo-system.svc", "gloo"), Instant.parse("2027-01-01T00:00:00Z"), true, null);
    }

    /** One result per status, one drift, one TLS, one optional failure, one workload-only check, two notes. */
    static Report everyStatus() {
        List<CheckResult> results = new ArrayList<>();
        Check xds = service("gloo", "gloo", 9977, 9977, Protocol.GRPC, "xDS Server", true);
        results.add(ok(xds, "grpc", "gRPC answered; no grpc.health.v1 service (UNIMPLEMENTED)", 3.2)
                .withPhases(new Phases(null, 0.3, null, 1.9)));
        Check webhook = service("gloo", "gloo", 443, 8443, Protocol.HTTPS, "Validation webhook", true);
        results.add(new CheckResult(webhook, Status.OK, "http", "127.0.0.1:8443", null, 12.25,
                "HTTPS answered 400 Bad Request", null, List.of(), tls(), new Phases(0.4, 0.2, 8.1, 1.5)));
        Check validation = service("gloo", "gloo", 9988, 9988, Protocol.GRPC, "Validation", true);
        results.add(failed(validation, Status.WRONG_PROTOCOL, "http",
                "gRPC call: First received frame was not SETTINGS (485454502f: HTTP/)",
                "an HTTP/1.x server answers on 9988; check the container's port 9988 | kubectl -n gloo-system get pod"));
        Check extauth = service("extauth", "extauth", 8083, 8083, Protocol.GRPC, "Ext auth", true);
        results.add(new CheckResult(extauth, Status.REFUSED, null, "127.0.0.1:8083", "extauth-5d9f-abcde", 0.4,
                "connect: connection refused", "nothing listens on 8083; the live targetPort is 8084",
                List.of(new Drift("targetPort", 8083, 8084)), null));
        Check rate = service("rate-limit", "rate-limit", 18081, 18081, Protocol.GRPC, "Rate limit", true);
        results.add(failed(rate, Status.UNHEALTHY, "grpc", "health Check: NOT_SERVING",
                "the rate-limit server reports NOT_SERVING; kubectl -n gloo-system logs deploy/rate-limit"));
        Check tlsPort = service("gateway-proxy", "gateway-proxy", 443, 8443, Protocol.TLS, "HTTPS <listener> & \"more\"",
                true);
        results.add(failed(tlsPort, Status.TLS_ERROR, "tls", "handshake: certificate expired \u0007 bell",
                "renew the certificate").withPhases(new Phases(null, 0.5, null, null)));
        Check silent = service("redis", "redis", 6379, 6379, Protocol.REDIS, "Redis", true);
        results.add(failed(silent, Status.TIMEOUT, "silent", "no answer to PING within 300 ms",
                "a firewall or a stalled server; kubectl -n gloo-system exec ..."));
        Check missing = service("access-log", null, 8083, 8083, Protocol.GRPC, "Access log", true);
        results.add(CheckResult.unprobed(missing, Status.UNRESOLVED, "Service access-log not found",
                "kubectl -n gloo-system get svc access-log"));
        Check broken = service("observability", "observability", 8081, 8081, Protocol.HTTP, "Metrics", true);
        results.add(failed(broken, Status.ERROR, null, "unexpected: NullPointerException in probe", "report a bug"));
        Check grafana = service("glooe-grafana", "grafana", 80, 3000, Protocol.HTTP, "Grafana UI", false);
        results.add(failed(grafana, Status.REFUSED, null, "connect: connection refused",
                "grafana is optional; install it or ignore"));
        Check prometheus = service("glooe-prometheus-server", "prometheus", 80, 9090, Protocol.HTTP, "Prometheus", false);
        results.add(CheckResult.unprobed(prometheus, Status.SKIPPED, "optional Service not installed", null));
        Check admin = workload("gateway-proxy", 19000, Protocol.HTTP, "Envoy admin");
        results.add(CheckResult.unprobed(admin, Status.SKIPPED, "pod-local port: only a port-forward reaches it", null));
        return new Report("gloo-mesh-enterprise", "port-forward", "gloo-system", STARTED, 812, results,
                List.of("kubectl context kind-gloo", "2 Services have drifted from the table"));
    }

    /** The same two checks in namespaces team-a and team-b, as {@code probe -n team-a -n team-b} reports them. */
    static Report twoNamespaces() {
        Check web = service("web", "web", 80, 8080, Protocol.HTTP, "Web UI", true);
        Check cache = service("cache", "cache", 6379, 6379, Protocol.REDIS, "Cache", true);
        List<CheckResult> results = new ArrayList<>();
        for (String ns : List.of("team-a", "team-b")) {
            results.add(ok(web.inNamespace(ns), "http", "HTTP/1.1 200 OK", 2.0));
            results.add(ns.equals("team-a") ? ok(cache.inNamespace(ns), "redis", "+PONG", 1.0)
                    : failed(cache.inNamespace(ns), Status.REFUSED, null, "connect: connection refused",
                    "kubectl -n team-b get pods"));
        }
        return new Report("web", "port-forward", null, STARTED, 30, results, List.of());
    }

    /** Every check OK. */
    static Report allOk() {
        Check xds = service("gloo", "gloo", 9977, 9977, Protocol.GRPC, "xDS Server", true);
        Check wasm = service("gloo", "gloo", 9979, 9979, Protocol.HTTP, "WASM cache", true);
        return new Report("gloo-mesh-oss", "direct", null, STARTED, 40,
                List.of(ok(xds, "grpc", "SERVING", 1.0), ok(wasm, "http", "HTTP/1.1 200 OK", 2.0)), List.of());
    }

    /**
     * A fleet run: the management cluster OK, a workload cluster whose cross-cluster check to the management relay
     * is refused, and a cluster whose API could not be reached.
     */
    static Report fleet() {
        Check relay = service("relay", "relay", 9900, 9900, Protocol.GRPC, "Relay server", true);
        Check cross = service("relay@mgmt", null, 9900, 9900, Protocol.GRPC, "Relay server", true);
        List<CheckResult> results = List.of(
                ok(relay.inNamespace("gloo-mesh").inCluster("kind-mgmt"), "grpc", "gRPC health: SERVING", 2.0),
                failed(cross.inNamespace("gloo-mesh").inCluster("kind-east"), Status.REFUSED, null,
                        "connect: connection refused", "is the LoadBalancer's firewall open to the workload cluster?"));
        List<ClusterRun> clusters = List.of(
                new ClusterRun("mgmt", "kind-mgmt", "gloo-platform", "gloo-mesh", 20, null),
                new ClusterRun("east", "kind-east", "istio", "istio-system", 25, null),
                new ClusterRun("west", "kind-west", "istio", null, 3000,
                        "cannot reach the Kubernetes API at https://127.0.0.1:1 (context kind-west): connection refused"));
        return new Report("gloo-platform,istio", "port-forward", null, STARTED, 3010, results, List.of(), null,
                clusters);
    }
}
