import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import java.nio.file.Path;

/**
 * bench/cluster-path's Gloo Enterprise install: the test suite's fabric8 mock API (CRUD mode) with the simulated
 * Enterprise install's real servers behind its port-forward relay (GlooEnterpriseCluster, as PortForwardCliTest uses
 * it). Run on prober-core's test classpath: java -cp CP GlooApi.java DIR. Writes DIR/kubeconfig, prints "ready NS",
 * serves until stdin closes.
 */
public final class GlooApi {
    public static void main(String[] args) throws Exception {
        FakeKubeApi api = FakeKubeApi.start();
        GlooEnterpriseCluster cluster = GlooEnterpriseCluster.install(api);
        try {
            api.kubeconfig(Path.of(args[0]), "gloo-ee", null, "bench-token");
            System.out.println("ready " + GlooEnterpriseCluster.NS);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        } finally {
            cluster.close();
            api.close();
        }
        System.exit(0);
    }
}
