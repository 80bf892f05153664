package dev.portprobe.cli;

import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.Ports;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import tools.jackson.databind.JsonNode;

/**
 * Two fake clusters for fleet runs: fabric8's mock API in CRUD mode for {@code mgmt} and {@code east}, each with a
 * {@code web} Service whose port-forward reaches its own real HTTP server through the kubelet relay; mgmt also has the
 * {@code relay} LoadBalancer, whose {@code status.loadBalancer.ingress} is 127.0.0.1, where a real HTTP server listens
 * on the Service port. The kubeconfig also has a {@code down} context whose API server is a closed port. The fleet
 * file runs {@code web.yaml} in both clusters, with one cross-cluster check from east to mgmt's relay (http).
 */
final class FakeFleet implements AutoCloseable {
    static final String NS = "gloo-mesh";

    final FakeKubeApi mgmt;
    final FakeKubeApi east;
    final MockWebServer mgmtApp;
    final MockWebServer eastApp;
    final MockWebServer relay;
    final Path kubeconfig;
    final Path profile;
    final Path fleet;

    private FakeFleet(Path dir) throws IOException {
        mgmt = FakeKubeApi.start();
        east = FakeKubeApi.start();
        mgmtApp = HttpServers.plain(() -> HttpServers.status(200));
        eastApp = HttpServers.plain(() -> HttpServers.status(200));
        relay = HttpServers.plain(() -> HttpServers.status(200));
        try (KubernetesClient admin = mgmt.adminClient()) {
            install(mgmt, admin, "web-mgmt-0", mgmtApp);
            Service lb = new ServiceBuilder(K8sObjects.service(NS, "relay", Map.of("app", "relay"),
                    K8sObjects.servicePort("grpc", relay.getPort(), 9900)))
                    .editSpec().withType("LoadBalancer").endSpec().build();
            admin.resource(lb).create();
            admin.resource(new ServiceBuilder(lb).withNewStatus().withNewLoadBalancer().addNewIngress()
                    .withIp("127.0.0.1").endIngress().endLoadBalancer().endStatus().build()).updateStatus();
        }
        try (KubernetesClient admin = east.adminClient()) {
            install(east, admin, "web-east-0", eastApp);
        }
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: mgmt\nclusters:\n"
                + cluster("mgmt", mgmt.port()) + cluster("east", east.port()) + cluster("down", Ports.closed())
                + "contexts:\n" + context("mgmt") + context("east") + context("down")
                + "users:\n- name: tester\n  user: {token: \"t0ken-for-tests\"}\n");
        profile = dir.resolve("web.yaml");
        Files.writeString(profile, "apiVersion: portprobe/v1\nname: web\nnamespace: " + NS + "\nservices:\n"
                + "  - name: web\n    ports:\n      - {port: 80, targetPort: 8080, protocol: http, usage: Web UI}\n");
        fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "apiVersion: portprobe/v1\nkind: Fleet\nclusters:\n"
                + "  - {name: mgmt, context: mgmt, profile: web.yaml}\n"
                + "  - {name: east, context: east, profile: web.yaml, namespace: " + NS + "}\n"
                + "crossCluster:\n"
                + "  - from: [east]\n"
                + "    to: {cluster: mgmt, service: relay, port: " + relay.getPort() + "}\n"
                + "    protocol: http\n"
                + "    usage: management relay\n");
    }

    /** Starts both clusters and writes the kubeconfig, {@code web.yaml} and {@code fleet.yaml} into {@code dir}. */
    static FakeFleet start(Path dir) throws IOException {
        return new FakeFleet(dir);
    }

    private static String cluster(String name, int port) {
        return "- name: " + name + "\n  cluster: {server: \"http://127.0.0.1:" + port + "\"}\n";
    }

    private static String context(String name) {
        return "- name: " + name + "\n  context: {cluster: " + name + ", user: tester}\n";
    }

    static void install(FakeKubeApi api, KubernetesClient admin, String pod, MockWebServer server) {
        Map<String, String> labels = Map.of("app", "web");
        admin.resource(K8sObjects.pod(NS, pod, labels, "127.0.0.1", true, List.of(K8sObjects.containerPort("http", 8080))))
                .create();
        admin.resource(K8sObjects.service(NS, "web", labels, K8sObjects.servicePort("http", 80, 8080))).create();
        admin.resource(K8sObjects.slice(NS, "web", Map.of("http", 8080), new K8sObjects.Ep(pod, "127.0.0.1", true)))
                .create();
        api.relay().pod(NS, pod, "127.0.0.1");
        api.relay().route(NS, pod, 8080, new InetSocketAddress("127.0.0.1", server.getPort()));
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {mgmtApp, eastApp, relay, mgmt, east}) {
            c.close();
        }
    }

    /** A JSON report's results as "CLUSTER NAME:PORT STATUS ENDPOINT" lines, in the report's order. */
    static List<String> resultRows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        for (JsonNode r : report.get("results")) {
            rows.add(r.get("cluster").asString() + " " + r.get("name").asString() + ":" + r.get("port").asInt() + " "
                    + r.get("status").asString() + " " + r.get("endpoint").asString());
        }
        return rows;
    }
}
