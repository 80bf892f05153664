package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.report.Report;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import dev.portprobe.testing.kube.Leaks;
import dev.portprobe.testing.kube.LoopbackServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where forwards listen, what crosses them, and what is left when the resolver closes. */
class PortForwardLifecycleTest {
    /**
     * The run's --timeout, which also bounds each API call and port-forward upgrade. No case here tests it, and every
     * healthy path ends as soon as the fake API and the pods answer, so it is one a loaded machine meets.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private GlooForwardCluster cluster;
    private FakeKubeApi api;
    private GlooInstall install;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = GlooForwardCluster.start();
        api = cluster.api();
        install = cluster.install();
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    private PortForwardResolver resolver(boolean perEndpoint) throws Exception {
        return cluster.resolver(dir, perEndpoint, TIMEOUT);
    }

    @Test
    void bindsEveryForwardToLoopbackOnly() throws Exception {
        try (PortForwardResolver resolver = resolver(true)) {
            resolver.resolveAll(GlooInstall.checks());
            List<Forward> forwards = resolver.openForwards();
            assertThat(forwards).hasSizeGreaterThanOrEqualTo(10);
            for (Forward f : forwards) {
                io.fabric8.kubernetes.client.LocalPortForward lpf = f;
                InetAddress local = lpf.getLocalAddress();
                assertThat(local.getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(local.isAnyLocalAddress()).isFalse();
            }
            Optional<InetAddress> outside = nonLoopbackAddress();
            if (outside.isPresent()) {
                for (Forward f : forwards) {
                    assertThatThrownBy(() -> connect(outside.get(), f.getLocalPort()))
                            .as("forward on %d reachable from %s", f.getLocalPort(), outside.get())
                            .isInstanceOf(ConnectException.class);
                }
            }
        }
    }

    @Test
    void carriesHttpBytesBothWaysBetweenTheLocalSocketAndThePod() throws Exception {
        install.backend(GlooInstall.NET + "0.4", 8080).close();
        MockWebServer envoy = startOnceFree(InetAddress.getByName(GlooInstall.NET + "0.4"), 8080);
        try (PortForwardResolver resolver = resolver(false)) {
            envoy.enqueue(new MockResponse.Builder().code(200).body("envoy ready").build());
            Target t = ((Resolution.Targets) resolver.resolveAll(List.of(GlooInstall.check("gateway-proxy", 80)))
                    .get(0)).targets().get(0);
            String request = "GET /ready HTTP/1.1\r\nHost: gateway-proxy\r\n\r\n";
            try (Socket s = new Socket(t.host(), t.port())) {
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String response = readUntil(in, "envoy ready");
                RecordedRequest seen = envoy.takeRequest(2, TimeUnit.SECONDS);
                assertThat(seen).isNotNull();
                assertThat(seen.getTarget()).isEqualTo("/ready");
                assertThat(response).startsWith("HTTP/1.1 200").endsWith("envoy ready");
                assertThat(api.relay().bytesToPods()).isGreaterThanOrEqualTo(request.length());
                assertThat(api.relay().bytesFromPods()).isGreaterThanOrEqualTo(response.length());

                envoy.close(); // the pod hangs up: the local socket must see it
                assertThat(in.read()).isEqualTo(-1);
            }
        } finally {
            envoy.close();
        }
    }

    @Test
    void leavesNoForwardThreadOrSocketOpenAfterARun() throws Exception {
        Set<Thread> baseline = Leaks.threads();
        List<Integer> localPorts = new ArrayList<>();
        Report report;
        try (PortForwardResolver resolver = resolver(true); ProbeEngine engine = new ProbeEngine()) {
            report = new ProbeRunner(engine, resolver, new RunOptions(TIMEOUT, 1, null), null)
                    .run("gloo-mesh-enterprise", GlooInstall.checks());
            resolver.openForwards().forEach(f -> localPorts.add(f.getLocalPort()));
            assertThat(Leaks.newClientThreads(baseline)).as("threads while forwarding").isNotEmpty();
        }
        assertThat(report.results()).hasSizeGreaterThan(GlooInstall.checks().size());
        assertThat(localPorts).isNotEmpty();
        for (int port : localPorts) {
            assertThatThrownBy(() -> connect(InetAddress.getByName("127.0.0.1"), port))
                    .isInstanceOf(ConnectException.class);
        }
        assertThat(Leaks.eventually(() -> api.relay().openSessions() == 0, 5000))
                .as("port-forward websockets still open: %s", api.relay()).isTrue();
        assertThat(Leaks.eventually(() -> install.backends().values().stream()
                .allMatch(b -> b.openConnections() == 0), 5000)).as("connections to pods still open").isTrue();
        assertThat(Leaks.eventually(() -> Leaks.newClientThreads(baseline).isEmpty(), 15_000))
                .as("threads left: %s", Leaks.newClientThreads(baseline)).isTrue();
        assertThat(install.backends().values().stream().mapToInt(LoopbackServer::accepted).sum()).isPositive();
    }

    private static String readUntil(InputStream in, String end) throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[1024];
        while (!text.toString().endsWith(end)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            text.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    private static void connect(InetAddress address, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nif : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isUp() && !nif.isLoopback()) {
                for (InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The backend just closed may still hold its port for a moment (its close is asynchronous): bind when free. */
    private static MockWebServer startOnceFree(InetAddress address, int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            MockWebServer server = new MockWebServer();
            try {
                server.start(address, port);
                return server;
            } catch (java.net.BindException busy) {
                server.close();
                if (attempt == 100) {
                    throw busy;
                }
                Thread.sleep(20);
            }
        }
    }
}
