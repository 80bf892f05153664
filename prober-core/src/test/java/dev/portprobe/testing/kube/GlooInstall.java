package dev.portprobe.testing.kube;

import static dev.portprobe.testing.kube.K8sObjects.containerPort;
import static dev.portprobe.testing.kube.K8sObjects.servicePort;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.resolve.NameResolver;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gloo Enterprise install in gloo-system, as the API shows it: Services, EndpointSlices, Pods and Deployments,
 * with the faults a real cluster has. Pods live on loopback addresses NET.0.N (NET: a /16 of 127/8 drawn per JVM) (their ports are real servers
 * there), Service VIPs on NET.1.N.
 *
 * <ul>
 *   <li>glooe-grafana (optional) is not installed: SKIPPED;</li>
 *   <li>gateway-proxy's Service uses named target ports (http, https), and its second replica is not ready;</li>
 *   <li>glooe-prometheus-server's live targetPort is 9091, the table says 9090: drift;</li>
 *   <li>extauth's pod is ready but nothing listens on 8083: REFUSED;</li>
 *   <li>rate-limit's only pod is not ready: UNRESOLVED, 0 ready endpoints of 1;</li>
 *   <li>gateway-proxy's Envoy admin 19000 is pod-local and on no Service: a workload-only check.</li>
 * </ul>
 */
public final class GlooInstall implements AutoCloseable {
    /** This JVM's network of the install: pods on {@code NET + "0.N"}, Service VIPs on {@code NET + "1.N"}. */
    public static final String NET = LoopbackNets.net(0);
    public static final String NS = "gloo-system";
    /** The two gloo replicas; the first by name is the one a single forward picks. */
    public static final String GLOO_POD = "gloo-7d9f8b6c5-b8n2q";
    public static final String GLOO_POD_2 = "gloo-7d9f8b6c5-x2x4z";
    public static final String PROXY_POD = "gateway-proxy-6b7c8d9f0-qwert";
    public static final String PROXY_POD_NOT_READY = "gateway-proxy-6b7c8d9f0-zt9vb";
    public static final String EXTAUTH_POD = "extauth-7c9d8f6b5-m3n4p";
    public static final String RATE_LIMIT_POD = "rate-limit-5d8c7b6a9-r2s3t";
    public static final String PROMETHEUS_POD = "glooe-prometheus-server-7b8c9d6f5-w7x8y";
    private static final Map<String, String> PROXY_LABELS = Map.of("gloo", "gateway-proxy", "gateway-proxy-id", "gateway-proxy");
    private static final Map<String, String> PROMETHEUS_LABELS = Map.of("app", "glooe-prometheus", "component", "server");

    private final Map<String, LoopbackServer> backends = new LinkedHashMap<>();

    /** Pod IP of each pod, and the VIP of each Service. */
    public static final Map<String, String> POD_IPS = Map.of(
            GLOO_POD, NET + "0.2", GLOO_POD_2, NET + "0.10", "gateway-5f6c7d8e9-h4k2m", NET + "0.3", PROXY_POD, NET + "0.4",
            EXTAUTH_POD, NET + "0.5", RATE_LIMIT_POD, NET + "0.6", "redis-6c8d9f7b5-t5u6v", NET + "0.7",
            PROMETHEUS_POD, NET + "0.8", PROXY_POD_NOT_READY, NET + "0.9");
    public static final Map<String, String> VIPS = Map.of(
            "gloo", NET + "1.2", "gateway", NET + "1.3", "gateway-proxy", NET + "1.4", "extauth", NET + "1.5",
            "rate-limit", NET + "1.6", "redis", NET + "1.7", "glooe-prometheus-server", NET + "1.8");

    /** Creates every object of the install through {@code admin}, and tells the relay where the pods are. */
    public static void load(KubernetesClient admin, PortForwardRelay relay) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.addAll(pods());
        objects.addAll(services());
        objects.addAll(slices());
        objects.addAll(deployments());
        for (HasMetadata o : objects) {
            // createOr(update): on a loaded machine the client may send a POST again after the mock server took the
            // first one (seen: "409 Pod ... already exists" while the install loaded); the object is the same either way.
            admin.resource(o).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }
        POD_IPS.forEach((pod, ip) -> relay.pod(NS, pod, ip));
    }

    /** Starts the servers behind the pods' ports (not extauth's 8083, nor anything on the unready pods). */
    public GlooInstall startPodServers() throws IOException {
        for (int port : List.of(9977, 9988, 9979, 9966)) {
            listen(NET + "0.2", port);
            listen(NET + "0.10", port);
        }
        listen(NET + "0.3", 8443);
        listen(NET + "0.4", 8080);
        listen(NET + "0.4", 8443);
        listen(NET + "0.4", 19000);
        listen(NET + "0.7", 6379);
        listen(NET + "0.8", 9091);
        return this;
    }

    /**
     * Starts the servers behind the Service VIPs (kube-proxy's side), for in-cluster tests. Each listens on a free
     * port of its VIP, so that the tests need neither root for ports 80 and 443 nor those ports free on the
     * machine; {@link #serviceSocket} is the NAT that sends a Service's {@code VIP:port} there. They are still
     * found by their Service port: {@code backend(NET + "1.4", 80)}.
     */
    public GlooInstall startServiceServers() throws IOException {
        for (int port : List.of(9977, 9988, 9979, 9966)) {
            listenFor(NET + "1.2", port);
        }
        listenFor(NET + "1.3", 443);
        listenFor(NET + "1.4", 80);
        listenFor(NET + "1.4", 443);
        listenFor(NET + "1.7", 6379);
        listenFor(NET + "1.8", 80);
        return this;
    }

    private void listenFor(String vip, int servicePort) throws IOException {
        backends.put(vip + ":" + servicePort, LoopbackServer.listen(vip, 0));
    }

    /**
     * The cluster network as in-cluster mode sees it: its DNS resolves every Service of the install under
     * {@code domain} to its VIP, and its Service NAT sends {@code VIP:port} to the server standing in for the
     * Service ({@link #serviceSocket}).
     */
    public NameResolver clusterNetwork(String domain) {
        return new NameResolver() {
            @Override
            public List<InetAddress> resolve(String host) throws UnknownHostException {
                for (Map.Entry<String, String> e : VIPS.entrySet()) {
                    if (host.equals(e.getKey() + "." + NS + ".svc." + domain)) {
                        return List.of(InetAddress.getByName(e.getValue()));
                    }
                }
                throw new UnknownHostException(host);
            }

            @Override
            public InetSocketAddress serviceSocket(InetAddress address, int port) {
                return GlooInstall.this.serviceSocket(address, port);
            }
        };
    }

    /** Where a connection to a Service's {@code VIP:port} lands: its server, or the bare port when none listens. */
    public InetSocketAddress serviceSocket(InetAddress vip, int servicePort) {
        LoopbackServer server = backends.get(vip.getHostAddress() + ":" + servicePort);
        return new InetSocketAddress(vip, server == null ? servicePort : server.port());
    }

    public LoopbackServer listen(String ip, int port) throws IOException {
        LoopbackServer s = LoopbackServer.listen(ip, port);
        backends.put(ip + ":" + port, s);
        return s;
    }

    public LoopbackServer backend(String ip, int port) {
        return backends.get(ip + ":" + port);
    }

    public Map<String, LoopbackServer> backends() {
        return Map.copyOf(backends);
    }

    private static List<Pod> pods() {
        return List.of(
                glooPod(GLOO_POD),
                glooPod(GLOO_POD_2),
                pod("gateway-5f6c7d8e9-h4k2m", Map.of("gloo", "gateway"), true, containerPort("https", 8443)),
                pod(PROXY_POD, PROXY_LABELS, true, containerPort("http", 8080), containerPort("https", 8443)),
                pod(PROXY_POD_NOT_READY, PROXY_LABELS, false, containerPort("http", 8080), containerPort("https", 8443)),
                pod(EXTAUTH_POD, Map.of("gloo", "extauth"), true, containerPort("grpc", 8083)),
                pod(RATE_LIMIT_POD, Map.of("gloo", "rate-limit"), false, containerPort("grpc", 18081)),
                pod("redis-6c8d9f7b5-t5u6v", Map.of("gloo", "redis"), true, containerPort("redis", 6379)),
                pod(PROMETHEUS_POD, PROMETHEUS_LABELS, true, containerPort("http", 9091)));
    }

    private static Pod glooPod(String name) {
        return pod(name, Map.of("gloo", "gloo"), true, containerPort("grpc-xds", 9977),
                containerPort("grpc-validation", 9988), containerPort("wasm-cache", 9979),
                containerPort("grpc-proxydebug", 9966));
    }

    private static Pod pod(String name, Map<String, String> labels, boolean ready, ContainerPort... ports) {
        return K8sObjects.pod(NS, name, labels, POD_IPS.get(name), ready, List.of(ports));
    }

    private static List<HasMetadata> services() {
        return List.of(
                K8sObjects.service(NS, "gloo", Map.of("gloo", "gloo"), servicePort("grpc-xds", 9977, 9977),
                        servicePort("grpc-validation", 9988, 9988), servicePort("wasm-cache", 9979, 9979),
                        servicePort("grpc-proxydebug", 9966, 9966)),
                K8sObjects.service(NS, "gateway", Map.of("gloo", "gateway"), servicePort("https", 443, 8443)),
                K8sObjects.service(NS, "gateway-proxy", PROXY_LABELS, servicePort("http", 80, "http"),
                        servicePort("https", 443, "https")),
                K8sObjects.service(NS, "extauth", Map.of("gloo", "extauth"), servicePort("grpc", 8083, 8083)),
                K8sObjects.service(NS, "rate-limit", Map.of("gloo", "rate-limit"), servicePort("grpc", 18081, 18081)),
                K8sObjects.service(NS, "redis", Map.of("gloo", "redis"), servicePort("redis", 6379, 6379)),
                K8sObjects.service(NS, "glooe-prometheus-server", PROMETHEUS_LABELS, servicePort("http", 80, 9091)));
    }

    private static List<HasMetadata> slices() {
        return List.of(
                K8sObjects.slice(NS, "gloo", Map.of("grpc-xds", 9977, "grpc-validation", 9988, "wasm-cache", 9979,
                        "grpc-proxydebug", 9966), ep(GLOO_POD_2, true), ep(GLOO_POD, true)),
                K8sObjects.slice(NS, "gateway", Map.of("https", 8443), ep("gateway-5f6c7d8e9-h4k2m", true)),
                K8sObjects.slice(NS, "gateway-proxy", Map.of("http", 8080, "https", 8443),
                        ep(PROXY_POD_NOT_READY, false), ep(PROXY_POD, true)),
                K8sObjects.slice(NS, "extauth", Map.of("grpc", 8083), ep(EXTAUTH_POD, true)),
                K8sObjects.slice(NS, "rate-limit", Map.of("grpc", 18081), ep(RATE_LIMIT_POD, false)),
                K8sObjects.slice(NS, "redis", Map.of("redis", 6379), ep("redis-6c8d9f7b5-t5u6v", true)),
                K8sObjects.slice(NS, "glooe-prometheus-server", Map.of("http", 9091), ep(PROMETHEUS_POD, true)));
    }

    private static K8sObjects.Ep ep(String pod, boolean ready) {
        return new K8sObjects.Ep(pod, POD_IPS.get(pod), ready);
    }

    private static List<HasMetadata> deployments() {
        List<HasMetadata> out = new ArrayList<>();
        for (String name : List.of("gloo", "gateway", "extauth", "rate-limit", "redis")) {
            out.add(K8sObjects.deployment(NS, name, Map.of("gloo", name)));
        }
        out.add(K8sObjects.deployment(NS, "gateway-proxy", PROXY_LABELS));
        out.add(K8sObjects.deployment(NS, "glooe-prometheus-server", PROMETHEUS_LABELS));
        return out;
    }

    /** The table, as checks: every port promises tcp (the protocol probes live on other branches). */
    public static List<Check> checks() {
        List<Check> out = new ArrayList<>();
        for (ServiceSpec s : profile().services()) {
            for (PortSpec p : s.ports()) {
                out.add(new Check(s.name(), CheckKind.SERVICE, s.workload(), p.port(), p.effectiveTargetPort(), p,
                        !p.optional(), s.optional()));
            }
        }
        for (WorkloadSpec w : profile().workloads()) {
            for (PortSpec p : w.ports()) {
                out.add(new Check(w.name(), CheckKind.WORKLOAD, w.name(), p.port(), p.port(), p, true, false));
            }
        }
        return out;
    }

    public static Check check(String name, int port) {
        return checks().stream().filter(c -> c.name().equals(name) && c.port() == port).findFirst().orElseThrow();
    }

    public static Profile profile() {
        List<ServiceSpec> services = List.of(
                new ServiceSpec("gloo", "gloo", false, List.of(tcp(9977, null, "xDS Server"),
                        tcp(9988, null, "Validation"), tcp(9979, null, "WASM cache"), tcp(9966, null, "Metrics gRPC")), 0),
                new ServiceSpec("gateway", "gateway", false, List.of(tcp(443, 8443, "Validation")), 0),
                new ServiceSpec("gateway-proxy", "gateway-proxy", false,
                        List.of(tcp(80, 8080, "HTTP"), tcp(443, 8443, "HTTPS")), 0),
                new ServiceSpec("extauth", "extauth", false, List.of(tcp(8083, 8083, "External authentication")), 0),
                new ServiceSpec("rate-limit", "rate-limit", false, List.of(tcp(18081, 18081, "Rate-limiting")), 0),
                new ServiceSpec("redis", "redis", false, List.of(tcp(6379, 6379, "Rate-limiting")), 0),
                new ServiceSpec("glooe-prometheus-server", "prometheus-server", false,
                        List.of(tcp(80, 9090, "Prometheus server")), 0),
                new ServiceSpec("glooe-grafana", "grafana", true, List.of(tcp(80, 3000, "Grafana UI")), 0));
        PortSpec admin = new PortSpec(19000, null, null, Protocol.TCP, "Envoy admin", null, null, null,
                Reach.POD_LOCAL, false, 0);
        List<WorkloadSpec> workloads = List.of(new WorkloadSpec("gateway-proxy", Map.of(), List.of(admin), 0));
        return new Profile("gloo-mesh-enterprise", "Gloo Mesh Enterprise (test)", null, NS, workloads, services,
                "test:GlooInstall");
    }

    private static PortSpec tcp(int port, Integer targetPort, String usage) {
        return new PortSpec(port, targetPort, null, Protocol.TCP, usage, null, null, null, null, false, 0);
    }

    @Override
    public void close() throws IOException {
        for (LoopbackServer s : backends.values()) {
            s.close();
        }
        backends.clear();
    }
}
