package dev.portprobe.cli.readme;

import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import dev.portprobe.testing.kube.LoopbackNets;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;

/**
 * The clusters of the README's fleet sample ({@code examples/fleet/fleet.yaml}), as {@code {fleet-kubeconfig}}: two
 * fake API servers (fabric8's mock in CRUD mode) with the kubelet relay in front of real HTTP servers, contexts
 * kind-mgmt and kind-east, and kind-west whose API server denies the reader everything (403). The management server's Service is a
 * LoadBalancer whose ingress IP is a loopback address where a real HTTP server listens on the Service port 8090.
 * The kubeconfig is written under prober-cli/target, so that the sample's command line names a stable path.
 */
final class FleetFixture implements AutoCloseable {
    static final String KUBECONFIG = "prober-cli/target/readme-fleet/kubeconfig";
    private static final String NS = "gloo-mesh";
    private final List<AutoCloseable> open = new ArrayList<>();

    static FleetFixture start(Path root) throws IOException {
        FleetFixture f = new FleetFixture();
        try {
            f.build(root);
            return f;
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private void build(Path root) throws IOException {
        FakeKubeApi mgmt = keep(FakeKubeApi.start());
        FakeKubeApi east = keep(FakeKubeApi.start());
        FakeKubeApi west = keep(FakeKubeApi.start()); // denies every request: its one line must not vary by load
        west.fail("GET", ".*", 403, "services is forbidden: User \"reader\" cannot list resource \"services\" in "
                + "API group \"\" in the namespace \"gloo-mesh\"", Integer.MAX_VALUE);
        MockWebServer lb = keep(new MockWebServer());
        lb.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return HttpServers.status(200);
            }
        });
        String lbIp = LoopbackNets.net(2) + "2.1";
        lb.start(InetAddress.getByName(lbIp), 8090);
        MockWebServer agent = keep(HttpServers.plain(() -> HttpServers.status(200)));
        try (KubernetesClient admin = mgmt.adminClient()) {
            install(mgmt, admin, "gloo-mesh-mgmt-server", "gloo-mesh-mgmt-server-7c9f6d8b5-k2xv9", 8090,
                    new InetSocketAddress(lbIp, lb.getPort()));
            Service svc = admin.services().inNamespace(NS).withName("gloo-mesh-mgmt-server").get();
            Service asLb = new ServiceBuilder(svc).editSpec().withType("LoadBalancer").endSpec().build();
            admin.resource(asLb).update();
            admin.resource(new ServiceBuilder(admin.services().inNamespace(NS).withName("gloo-mesh-mgmt-server").get())
                    .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(lbIp).endIngress().endLoadBalancer()
                    .endStatus().build()).updateStatus();
        }
        try (KubernetesClient admin = east.adminClient()) {
            install(east, admin, "gloo-mesh-agent", "gloo-mesh-agent-5b8d7c6f9-p7q2w", 9091,
                    new InetSocketAddress("127.0.0.1", agent.getPort()));
        }
        Path file = root.resolve(KUBECONFIG);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: kind-mgmt\nclusters:\n"
                + cluster("kind-mgmt", mgmt.port()) + cluster("kind-east", east.port())
                + cluster("kind-west", west.port())
                + "contexts:\n" + context("kind-mgmt") + context("kind-east") + context("kind-west")
                + "users:\n- name: reader\n  user: {token: \"readme-sample-token\"}\n");
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private static void install(FakeKubeApi api, KubernetesClient admin, String name, String pod, int port,
                                InetSocketAddress server) {
        Map<String, String> labels = Map.of("app", name);
        admin.resource(K8sObjects.pod(NS, pod, labels, "127.0.0.1", true, List.of(K8sObjects.containerPort("http", port))))
                .create();
        admin.resource(K8sObjects.service(NS, name, labels, K8sObjects.servicePort("http", port, port))).create();
        admin.resource(K8sObjects.slice(NS, name, Map.of("http", port), new K8sObjects.Ep(pod, "127.0.0.1", true)))
                .create();
        api.relay().pod(NS, pod, "127.0.0.1");
        api.relay().route(NS, pod, port, server); // the pod's port is that real server
    }

    private static String cluster(String name, int port) {
        return "- name: " + name + "\n  cluster: {server: \"http://127.0.0.1:" + port + "\"}\n";
    }

    private static String context(String name) {
        return "- name: " + name + "\n  context: {cluster: " + name + ", user: reader}\n";
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the others matters more
            }
        }
        open.clear();
    }
}
