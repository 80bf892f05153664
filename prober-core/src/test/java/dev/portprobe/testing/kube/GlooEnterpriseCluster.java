package dev.portprobe.testing.kube;

import static dev.portprobe.testing.kube.K8sObjects.containerPort;
import static dev.portprobe.testing.kube.K8sObjects.servicePort;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.simulate.SimulatedInstall;
import dev.portprobe.simulate.SimulationOptions;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code gloo-mesh-enterprise} profile installed in a {@link FakeKubeApi}: Services, EndpointSlices,
 * Pods and Deployments named and numbered as the Helm chart makes them, whose pods' ports are the real servers of
 * a {@link SimulatedInstall} of the same profile (the relay routes each (pod, containerPort) to the binding of its
 * check), so every probe speaks its protocol across the port-forward. What a real cluster gets wrong is here too:
 *
 * <ul>
 *   <li>glooe-grafana and access-log (both optional) are not installed: SKIPPED;</li>
 *   <li>glooe-prometheus-server's live targetPort is 9091 where the table says 9090: drift, probed on 9091 (only
 *       9091 of its pod is routed);</li>
 *   <li>rate-limit's only pod is not ready: UNRESOLVED, 0 ready endpoints of 1;</li>
 *   <li>extauth's pod is ready but nothing listens on 8083: REFUSED on the port-forward's error channel;</li>
 *   <li>gateway-proxy has named target ports (http, https) and a second replica that is not ready; its Envoy
 *       admin 19000 is on no Service (a workload-only, pod-local check);</li>
 *   <li>gloo runs two replicas.</li>
 * </ul>
 *
 * Pod IPs are loopback addresses NET.0.N (NET: a /16 of 127/8 drawn per JVM) where nothing listens, so a port without a route refuses.
 */
public final class GlooEnterpriseCluster implements AutoCloseable {
    /** This JVM's network of the cluster's pods: {@code NET + "0.N"}. */
    public static final String NET = LoopbackNets.net(1);
    public static final String NS = "gloo-system";
    public static final String PROFILE = "gloo-mesh-enterprise";
    public static final String GLOO_POD = "gloo-6c8f9d7b4d-2kq7x";
    public static final String GLOO_POD_2 = "gloo-6c8f9d7b4d-wm5tz";
    public static final String GATEWAY_POD = "gateway-7b5d9c6f8-p4hvn";
    public static final String PROXY_POD = "gateway-proxy-5f4c8b7d9-h2lxs";
    public static final String PROXY_POD_NOT_READY = "gateway-proxy-5f4c8b7d9-r8njd";
    public static final String EXTAUTH_POD = "extauth-69d8c7f5b9-9tq2m";
    public static final String RATE_LIMIT_POD = "rate-limit-7d9f6b8c5-xk4dz";
    public static final String REDIS_POD = "redis-5c7d8f9b6-ls2vq";
    public static final String CONSOLE_POD = "gloo-fed-console-6f8b9d7c5-q9wrt";
    public static final String PROMETHEUS_POD = "glooe-prometheus-server-7c9b8d6f4-mv3kp";
    public static final String KSM_POD = "glooe-prometheus-kube-state-metrics-58d7b9c6f-zn8hd";

    private static final Map<String, String> PROXY_LABELS = Map.of("gloo", "gateway-proxy", "gateway-proxy-id", "gateway-proxy");
    private static final Map<String, String> PROMETHEUS_LABELS = Map.of("app", "prometheus", "component", "server", "release", "glooe");
    private static final Map<String, String> KSM_LABELS = Map.of("app.kubernetes.io/name", "kube-state-metrics", "app.kubernetes.io/instance", "glooe");

    /** A pod of the install: name, labels, loopback IP, readiness, container ports. */
    private record PodRow(String name, String owner, Map<String, String> labels, String ip, boolean ready,
                          List<ContainerPort> ports) {
    }

    private static final List<PodRow> PODS = List.of(
            glooPod(GLOO_POD, NET + "0.2"),
            glooPod(GLOO_POD_2, NET + "0.3"),
            new PodRow(GATEWAY_POD, "gateway", Map.of("gloo", "gateway"), NET + "0.4", true,
                    List.of(containerPort("https", 8443))),
            new PodRow(PROXY_POD, "gateway-proxy", PROXY_LABELS, NET + "0.5", true,
                    List.of(containerPort("http", 8080), containerPort("https", 8443), containerPort("stats", 8081))),
            new PodRow(PROXY_POD_NOT_READY, "gateway-proxy", PROXY_LABELS, NET + "0.6", false,
                    List.of(containerPort("http", 8080), containerPort("https", 8443), containerPort("stats", 8081))),
            new PodRow(EXTAUTH_POD, "extauth", Map.of("gloo", "extauth"), NET + "0.7", true,
                    List.of(containerPort("grpc", 8083))),
            new PodRow(RATE_LIMIT_POD, "rate-limit", Map.of("gloo", "rate-limit"), NET + "0.8", false,
                    List.of(containerPort("grpc", 18081))),
            new PodRow(REDIS_POD, "redis", Map.of("gloo", "redis"), NET + "0.9", true,
                    List.of(containerPort("redis", 6379))),
            new PodRow(CONSOLE_POD, "gloo-fed-console", Map.of("gloo", "gloo-fed-console"), NET + "0.10", true,
                    List.of(containerPort("static", 8090), containerPort("grpc", 10101), containerPort("healthcheck", 8081))),
            new PodRow(PROMETHEUS_POD, "glooe-prometheus-server", PROMETHEUS_LABELS, NET + "0.11", true,
                    List.of(containerPort("http", 9091))),
            new PodRow(KSM_POD, "glooe-prometheus-kube-state-metrics", KSM_LABELS, NET + "0.12", true,
                    List.of(containerPort("http", 8080))));

    private final SimulatedInstall install;
    private final Profile profile;
    private final List<Check> checks;

    private GlooEnterpriseCluster(SimulatedInstall install, Profile profile, List<Check> checks) {
        this.install = install;
        this.profile = profile;
        this.checks = checks;
    }

    /** Starts the pods' servers, loads every object into {@code api} and routes the relay to the servers. */
    public static GlooEnterpriseCluster install(FakeKubeApi api) throws IOException, InputException {
        Profile profile = ProfileLoader.builtin(PROFILE);
        List<Check> checks = Planner.plan(profile);
        GlooEnterpriseCluster cluster = new GlooEnterpriseCluster(
                SimulatedInstall.start(profile, checks, SimulationOptions.DEFAULT), profile, checks);
        try (KubernetesClient admin = api.adminClient()) {
            for (HasMetadata o : cluster.objects()) {
                admin.resource(o).create();
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        cluster.routes(api.relay());
        return cluster;
    }

    private static PodRow glooPod(String name, String ip) {
        return new PodRow(name, "gloo", Map.of("gloo", "gloo"), ip, true, List.of(containerPort("grpc-xds", 9977),
                containerPort("rest-xds", 9976), containerPort("grpc-validation", 9988),
                containerPort("wasm-cache", 9979), containerPort("grpc-proxydebug", 9966)));
    }

    /** (pod, containerPort) -> the check whose server answers there. extauth:8083 and prometheus:9090 have none. */
    private void routes(PortForwardRelay relay) {
        for (PodRow p : PODS) {
            relay.pod(NS, p.name(), p.ip());
        }
        for (String pod : List.of(GLOO_POD, GLOO_POD_2)) {
            for (int port : List.of(9977, 9988, 9979, 9966)) {
                route(relay, pod, port, "gloo:" + port);
            }
        }
        route(relay, GATEWAY_POD, 8443, "gateway:443");
        route(relay, PROXY_POD, 8080, "gateway-proxy:80");
        route(relay, PROXY_POD, 8443, "gateway-proxy:443");
        route(relay, PROXY_POD, 19000, "gateway-proxy:19000");
        route(relay, REDIS_POD, 6379, "redis:6379");
        for (int port : List.of(8090, 10101, 8081)) {
            route(relay, CONSOLE_POD, port, "gloo-fed-console:" + port);
        }
        route(relay, PROMETHEUS_POD, 9091, "glooe-prometheus-server:80");
        route(relay, KSM_POD, 8080, "glooe-prometheus-kube-state-metrics:80");
    }

    private void route(PortForwardRelay relay, String pod, int containerPort, String checkId) {
        relay.route(NS, pod, containerPort, server(checkId));
    }

    /**
     * rate-limit's pod comes up, as after a slow start: the pod and its endpoint turn ready, and its port 18081
     * answers with the check's gRPC server.
     */
    public void rateLimitBecomesReady(FakeKubeApi api) {
        PodRow row = row(RATE_LIMIT_POD);
        route(api.relay(), RATE_LIMIT_POD, 18081, "rate-limit:18081"); // the server listens before the pod is ready
        try (KubernetesClient admin = api.adminClient()) {
            admin.resource(K8sObjects.pod(NS, row.name(), row.labels(), row.ip(), true, row.ports())).updateStatus();
            admin.resource(K8sObjects.slice(NS, "rate-limit", Map.of("grpc", 18081),
                    new K8sObjects.Ep(row.name(), row.ip(), true))).update();
        }
    }

    /** Where the simulated server of check {@code id} ("name:port") listens. */
    public InetSocketAddress server(String id) {
        SimulatedInstall.Binding b = install.bindings().stream().filter(x -> x.check().id().equals(id))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no check " + id));
        return new InetSocketAddress(b.host(), b.port());
    }

    public Profile profile() {
        return profile;
    }

    public List<Check> checks() {
        return checks;
    }

    /** The ids of the checks of required Service ports whose pods are healthy: these must be OK. */
    public static List<String> healthyIds() {
        return List.of("gateway:443", "gloo:9977", "gloo:9988", "gloo:9979", "gloo:9966", "gateway-proxy:80",
                "gateway-proxy:443", "gloo-fed-console:8090", "gloo-fed-console:10101", "gloo-fed-console:8081",
                "glooe-prometheus-kube-state-metrics:80", "glooe-prometheus-server:80", "redis:6379",
                "gateway-proxy:19000");
    }

    private List<HasMetadata> objects() {
        List<HasMetadata> out = new ArrayList<>();
        Map<String, Map<String, String>> deployments = new LinkedHashMap<>();
        for (PodRow p : PODS) {
            out.add(K8sObjects.pod(NS, p.name(), p.labels(), p.ip(), p.ready(), p.ports()));
            deployments.put(p.owner(), p.labels());
        }
        deployments.forEach((name, labels) -> out.add(K8sObjects.deployment(NS, name, labels)));
        service(out, "gloo", Map.of("gloo", "gloo"), List.of(GLOO_POD, GLOO_POD_2),
                servicePort("grpc-xds", 9977, 9977), servicePort("rest-xds", 9976, 9976),
                servicePort("grpc-validation", 9988, 9988), servicePort("wasm-cache", 9979, 9979),
                servicePort("grpc-proxydebug", 9966, 9966));
        service(out, "gateway", Map.of("gloo", "gateway"), List.of(GATEWAY_POD), servicePort("https", 443, 8443));
        service(out, "gateway-proxy", PROXY_LABELS, List.of(PROXY_POD, PROXY_POD_NOT_READY),
                servicePort("http", 80, "http"), servicePort("https", 443, "https"));
        service(out, "extauth", Map.of("gloo", "extauth"), List.of(EXTAUTH_POD), servicePort("grpc", 8083, 8083));
        service(out, "rate-limit", Map.of("gloo", "rate-limit"), List.of(RATE_LIMIT_POD), servicePort("grpc", 18081, 18081));
        service(out, "redis", Map.of("gloo", "redis"), List.of(REDIS_POD), servicePort("redis", 6379, 6379));
        service(out, "gloo-fed-console", Map.of("gloo", "gloo-fed-console"), List.of(CONSOLE_POD),
                servicePort("static", 8090, 8090), servicePort("grpc", 10101, 10101),
                servicePort("healthcheck", 8081, 8081));
        service(out, "glooe-prometheus-server", PROMETHEUS_LABELS, List.of(PROMETHEUS_POD), servicePort("http", 80, 9091));
        service(out, "glooe-prometheus-kube-state-metrics", KSM_LABELS, List.of(KSM_POD), servicePort("http", 80, 8080));
        return out;
    }

    /** The Service and the EndpointSlice its controller would make from the pods' readiness and ports. */
    private static void service(List<HasMetadata> out, String name, Map<String, String> selector, List<String> pods,
                                ServicePort... ports) {
        out.add(K8sObjects.service(NS, name, selector, ports));
        Map<String, Integer> slicePorts = new LinkedHashMap<>();
        PodRow first = row(pods.get(0));
        for (ServicePort sp : ports) {
            Integer number = sp.getTargetPort().getIntVal();
            if (number == null) {
                number = first.ports().stream().filter(c -> sp.getTargetPort().getStrVal().equals(c.getName()))
                        .findFirst().orElseThrow().getContainerPort();
            }
            slicePorts.put(sp.getName(), number);
        }
        K8sObjects.Ep[] eps = pods.stream().map(GlooEnterpriseCluster::row)
                .map(p -> new K8sObjects.Ep(p.name(), p.ip(), p.ready())).toArray(K8sObjects.Ep[]::new);
        out.add(K8sObjects.slice(NS, name, slicePorts, eps));
    }

    private static PodRow row(String pod) {
        return PODS.stream().filter(p -> p.name().equals(pod)).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        install.close();
    }
}
