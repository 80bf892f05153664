package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooInstall.NS;

import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Gloo install the port-forward tests probe: a fake API in CRUD mode holding its objects, and the pods' real
 * servers on loopback behind the API's port-forward relay.
 */
final class GlooForwardCluster implements AutoCloseable {
    private final FakeKubeApi api;
    private final GlooInstall install;

    private GlooForwardCluster(FakeKubeApi api, GlooInstall install) {
        this.api = api;
        this.install = install;
    }

    static GlooForwardCluster start() throws Exception {
        FakeKubeApi api = FakeKubeApi.start();
        try {
            try (var admin = api.adminClient()) {
                GlooInstall.load(admin, api.relay());
            }
            return new GlooForwardCluster(api, new GlooInstall().startPodServers());
        } catch (Exception | Error e) {
            api.close();
            throw e;
        }
    }

    FakeKubeApi api() {
        return api;
    }

    GlooInstall install() {
        return install;
    }

    /** A resolver for the install's namespace through a kubeconfig written to {@code dir}. */
    PortForwardResolver resolver(Path dir, boolean perEndpoint, Duration timeout) throws Exception {
        KubeAccess access = KubeAccess.connect(
                new KubeOptions(api.kubeconfig(dir, "kind-gloo", null, "t0ken-for-tests"), null, null, timeout));
        return new PortForwardResolver(access, access.namespaceFor(NS), GlooInstall.profile(), perEndpoint);
    }

    @Override
    public void close() throws Exception {
        try {
            install.close();
        } finally {
            api.close();
        }
    }
}
