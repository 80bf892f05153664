package dev.portprobe.cli;

import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.kube.ApiLink;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * The three fake clusters of {@link FleetBench}: each is fabric8's mock API in CRUD mode with the kubelet relay, a real
 * HTTP server behind every port-forward, {@link #SERVICES} Services, and an {@link ApiLink} in front of the API that
 * the kubeconfig points at. With a round trip {@code rtt > 0} the link holds every answer of the API (each response,
 * each upgrade, each port-forward data frame coming back) {@code rtt} before passing it on, as the path to a remote
 * API server does; with 0 it passes them at once. The third cluster's server answers {@link #SLOW} late.
 *
 * <p>{@link #main} runs them in a JVM of their own, so that their CPU is not the prober's (as remote clusters' is
 * not): it writes the kubeconfig to {@code args[1]}, prints {@code READY} and serves until its stdin closes.
 */
final class FleetBenchClusters implements AutoCloseable {
    static final int SERVICES = 8;
    static final Duration SLOW = Duration.ofMillis(150);
    static final String NS = "bench";
    static final int CLUSTERS = 3;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String kubeconfig;

    private FleetBenchClusters(Duration rtt) throws Exception {
        StringBuilder clusters = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: c1\nclusters:\n");
        StringBuilder contexts = new StringBuilder("contexts:\n");
        try {
            for (int c = 1; c <= CLUSTERS; c++) {
                FakeKubeApi api = FakeKubeApi.start();
                open.add(api);
                Duration delay = c == CLUSTERS ? SLOW : Duration.ZERO;
                MockWebServer app = HttpServers.plain(() -> new MockResponse.Builder().code(200)
                        .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build());
                open.add(app);
                install(api, app);
                ApiLink link = ApiLink.to(api);
                open.add(link);
                if (!rtt.isZero()) {
                    link.fault(new ApiLink.Fault.Late(rtt));
                }
                clusters.append("- name: c").append(c).append("\n  cluster: {server: \"http://127.0.0.1:")
                        .append(link.port()).append("\"}\n");
                contexts.append("- name: c").append(c).append("\n  context: {cluster: c").append(c)
                        .append(", user: u}\n");
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        kubeconfig = clusters + contexts.toString() + "users:\n- name: u\n  user: {token: \"t\"}\n";
    }

    static FleetBenchClusters start(Duration rtt) throws Exception {
        return new FleetBenchClusters(rtt);
    }

    String kubeconfig() {
        return kubeconfig;
    }

    /** The profile the bench probes: {@link #SERVICES} HTTP Services, each with a port-forward to the app server. */
    static String profile() {
        StringBuilder p = new StringBuilder("apiVersion: portprobe/v1\nname: bench\nnamespace: " + NS
                + "\nservices:\n");
        for (int i = 0; i < SERVICES; i++) {
            p.append("  - name: svc-").append(i).append("\n    ports:\n      - {port: 80, targetPort: ")
                    .append(8000 + i).append(", protocol: http, http: {path: /healthz}}\n");
        }
        return p.toString();
    }

    private static void install(FakeKubeApi api, MockWebServer app) {
        try (KubernetesClient admin = api.adminClient()) {
            List<io.fabric8.kubernetes.api.model.ContainerPort> ports = new ArrayList<>();
            for (int i = 0; i < SERVICES; i++) {
                ports.add(K8sObjects.containerPort("p" + i, 8000 + i));
            }
            admin.resource(K8sObjects.pod(NS, "app-0", Map.of("app", "bench"), "127.0.0.1", true, ports)).create();
            for (int i = 0; i < SERVICES; i++) {
                admin.resource(K8sObjects.service(NS, "svc-" + i, Map.of("app", "bench"),
                        K8sObjects.servicePort("http", 80, 8000 + i))).create();
                admin.resource(K8sObjects.slice(NS, "svc-" + i, Map.of("http", 8000 + i),
                        new K8sObjects.Ep("app-0", "127.0.0.1", true))).create();
                api.relay().route(NS, "app-0", 8000 + i, new InetSocketAddress("127.0.0.1", app.getPort()));
            }
            api.relay().pod(NS, "app-0", "127.0.0.1");
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }

    /** {@code RTT_MS KUBECONFIG}: serves the clusters until stdin closes (the bench ends or dies). */
    public static void main(String[] args) throws Exception {
        try (FleetBenchClusters clusters = start(Duration.ofMillis(Long.parseLong(args[0])))) {
            Files.writeString(Path.of(args[1]), clusters.kubeconfig());
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // nothing to do: the bench only closes stdin
            }
        }
        System.exit(0);
    }
}
