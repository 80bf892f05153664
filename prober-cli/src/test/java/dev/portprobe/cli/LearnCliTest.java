package dev.portprobe.cli;

import static dev.portprobe.testing.kube.K8sObjects.containerPort;
import static dev.portprobe.testing.kube.K8sObjects.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.testing.GrpcTestServer;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import dev.portprobe.testing.kube.LoopbackNets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portprobe learn} against the fake API, every byte through the port-forward relay to a real server: an HTTP
 * server whose only 2xx path is /healthz, an HTTPS server whose certificate names api.shop.svc, a gRPC server whose
 * health service answers SERVING for "orders", a port that answers garbage, a port where nothing listens, and a
 * Service whose only pod is not ready. The pods' IPs are loopback addresses where nothing listens, so a port that
 * answers through the forward binds the pod's loopback: pod-local.
 */
class LearnCliTest {
    private static final String NET = LoopbackNets.net(2);
    private static final String NS = "shop";
    private static final String TIMEOUT = "20s";
    private static final String WEB_POD = "web-6d5f7c9b8-k2x4p";
    private static final String API_POD = "api-7b8c9d6f5-q8w2e";
    private static final String ORDERS_POD = "orders-5c6d7e8f9-z3x5c";
    private static final String QUEUE_POD = "queue-0";
    private static final String CATALOG_POD = "catalog-7f8e9d0c1-m4n6b";
    /** The name the catalog server's health service knows: none of the Service's, workload's or port's names. */
    private static final String CHANNELZ = "grpc.channelz.v1.Channelz";
    private static final String STEP = " \\((banner|TLS ClientHello|HTTP/2 preface|HTTP/1\\.1 GET|RESP PING)\\)";

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static Path kubeconfig;
    private static MockWebServer web;
    private static MockWebServer https;
    private static GrpcTestServer orders;
    private static HostileServer garbage;
    private static GrpcTestServer catalog;
    private static CliRun selected;
    private static String selectedYaml;
    private static CliRun learn;
    private static Profile learned;
    private static String yaml;
    private static RunLeaks.Baseline baseline;

    @BeforeAll
    static void learnTheShop() throws Exception {
        api = FakeKubeApi.start();
        web = new MockWebServer();
        web.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                boolean health = "/healthz".equals(request.getUrl().encodedPath());
                return new MockResponse.Builder().code(health ? 200 : 404).body(health ? "ok" : "no").build();
            }
        });
        web.setProtocols(List.of(okhttp3.Protocol.HTTP_1_1));
        web.start(InetAddress.getByName("127.0.0.1"), 0);
        HeldCertificate cert = new HeldCertificate.Builder().commonName("api").addSubjectAlternativeName("api.shop.svc")
                .addSubjectAlternativeName("127.0.0.1").ecdsa256().build();
        https = new MockWebServer();
        https.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build().sslSocketFactory());
        https.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(404).body("no").build();
            }
        });
        https.start(InetAddress.getByName("127.0.0.1"), 0);
        orders = GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING, "orders", ServingStatus.SERVING), null);
        garbage = new HostileServer(new HostileServer.Misbehaviour.Garbage(HostileServer.GARBAGE));
        // reflection lists the Channelz service, and the health service answers SERVING under that name only
        catalog = GrpcTestServer.withHealthAndReflection(Map.of(CHANNELZ, ServingStatus.SERVING),
                io.grpc.protobuf.services.ChannelzService.newInstance(100));
        load();
        kubeconfig = api.kubeconfig(dir, "shop", NS, "t0ken-for-tests");
        Path out = dir.resolve("shop.yaml");
        baseline = RunLeaks.baseline();
        learn = CliRun.of("learn", "--mode", "port-forward", "-n", NS, "--kubeconfig", kubeconfig.toString(),
                "--timeout", TIMEOUT, "--name", "shop", "--out", out.toString());
        if (learn.exitCode() == 0) {
            yaml = Files.readString(out);
            learned = ProfileLoader.load(out);
            // what the README block must show (see theReadmeShowsWhatThisRunWrote)
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "learn-shop.yaml"), yaml);
        }
        // the same install, seen through a selector and over two namespaces (one empty), on a terminal's stderr
        StringWriter selectedOut = new StringWriter();
        StringWriter selectedErr = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(selectedOut, true), new PrintWriter(selectedErr, true),
                Map.of(), false, true);
        int code = Main.run(terminal, "learn", "--mode", "port-forward", "-n", NS, "-n", "empty", "--selector",
                "app=web", "--kubeconfig", kubeconfig.toString(), "--timeout", TIMEOUT, "--name", "web");
        selected = new CliRun(code, selectedOut.toString(), selectedErr.toString());
        selectedYaml = selected.out();
    }

    private static void load() {
        List<HasMetadata> objects = List.of(
                K8sObjects.pod(NS, WEB_POD, Map.of("app", "web"), NET + "0.2", true, List.of(containerPort("http", 8080),
                        containerPort("admin", 9901), containerPort("debug", 9902))),
                K8sObjects.deployment(NS, "web", Map.of("app", "web")),
                // labelled as its pods are, so that --selector app=web keeps it
                new io.fabric8.kubernetes.api.model.ServiceBuilder(K8sObjects.service(NS, "web", Map.of("app", "web"),
                        servicePort("http", 80, "http"))).editMetadata().withLabels(Map.of("app", "web")).endMetadata()
                        .build(),
                K8sObjects.slice(NS, "web", Map.of("http", 8080), new K8sObjects.Ep(WEB_POD, NET + "0.2", true)),
                K8sObjects.pod(NS, API_POD, Map.of("app", "api"), NET + "0.3", true, List.of(containerPort("https", 8443))),
                K8sObjects.deployment(NS, "api", Map.of("app", "api")),
                K8sObjects.service(NS, "api", Map.of("app", "api"), servicePort("https", 443, 8443)),
                K8sObjects.slice(NS, "api", Map.of("https", 8443), new K8sObjects.Ep(API_POD, NET + "0.3", true)),
                K8sObjects.pod(NS, ORDERS_POD, Map.of("app", "orders"), NET + "0.4", true, List.of(containerPort("grpc", 9090))),
                K8sObjects.deployment(NS, "orders", Map.of("app", "orders")),
                K8sObjects.service(NS, "orders", Map.of("app", "orders"), servicePort("grpc", 9090, 9090)),
                K8sObjects.slice(NS, "orders", Map.of("grpc", 9090), new K8sObjects.Ep(ORDERS_POD, NET + "0.4", true)),
                K8sObjects.pod(NS, QUEUE_POD, Map.of("app", "queue"), NET + "0.5", false, List.of(containerPort("amqp", 5672))),
                K8sObjects.statefulSet(NS, "queue", Map.of("app", "queue")),
                K8sObjects.service(NS, "queue", Map.of("app", "queue"), servicePort("amqp", 5672, 5672)),
                K8sObjects.slice(NS, "queue", Map.of("amqp", 5672), new K8sObjects.Ep(QUEUE_POD, NET + "0.5", false)),
                K8sObjects.pod(NS, CATALOG_POD, Map.of("app", "catalog"), NET + "0.6", true,
                        List.of(containerPort("grpc", 9091))),
                K8sObjects.deployment(NS, "catalog", Map.of("app", "catalog")),
                K8sObjects.service(NS, "catalog", Map.of("app", "catalog"), servicePort("grpc", 9091, 9091)),
                K8sObjects.slice(NS, "catalog", Map.of("grpc", 9091), new K8sObjects.Ep(CATALOG_POD, NET + "0.6", true)));
        try (KubernetesClient admin = api.adminClient()) {
            objects.forEach(o -> admin.resource(o).create());
        }
        api.relay().pod(NS, WEB_POD, NET + "0.2");
        api.relay().pod(NS, API_POD, NET + "0.3");
        api.relay().pod(NS, ORDERS_POD, NET + "0.4");
        api.relay().pod(NS, QUEUE_POD, NET + "0.5");
        api.relay().pod(NS, CATALOG_POD, NET + "0.6");
        api.relay().route(NS, CATALOG_POD, 9091, new InetSocketAddress("127.0.0.1", catalog.port()));
        api.relay().route(NS, WEB_POD, 8080, new InetSocketAddress("127.0.0.1", web.getPort()));
        api.relay().route(NS, WEB_POD, 9901, new InetSocketAddress(garbage.host(), garbage.port()));
        api.relay().route(NS, API_POD, 8443, new InetSocketAddress("127.0.0.1", https.getPort()));
        api.relay().route(NS, ORDERS_POD, 9090, new InetSocketAddress("127.0.0.1", orders.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {web, https, orders, catalog, garbage, api}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static PortSpec service(String name, int port) {
        assertThat(learn.exitCode()).as(learn.err()).isZero();
        ServiceSpec s = learned.services().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return s.ports().stream().filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    private static PortSpec workload(String name, int port) {
        assertThat(learn.exitCode()).as(learn.err()).isZero();
        WorkloadSpec w = learned.workloads().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return w.ports().stream().filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    @Test
    void writesHttpWithTheWellKnownHealthPathThatAnswers2xx() {
        PortSpec p = service("web", 80);
        assertThat(p.protocol()).as(yaml).isEqualTo(Protocol.HTTP);
        assertThat(p.http().path()).isEqualTo("/healthz");
        assertThat(p.targetPort()).isEqualTo(8080);
        assertThat(web.getRequestCount()).isPositive();
    }

    @Test
    void writesHttpsWithTheServerNameFromTheCertificate() {
        PortSpec p = service("api", 443);
        assertThat(p.protocol()).as(yaml).isEqualTo(Protocol.HTTPS);
        assertThat(p.tls().serverName()).isEqualTo("api.shop.svc");
        assertThat(p.http().pathGiven()).as("no well-known path answers 2xx there").isFalse();
    }

    @Test
    void writesGrpcWithTheHealthServiceThatAnswersServing() {
        PortSpec p = service("orders", 9090);
        assertThat(p.protocol()).as(yaml).isEqualTo(Protocol.GRPC);
        assertThat(p.grpc().service()).isEqualTo("orders");
    }

    @Test
    void writesTheHealthServiceNameTheServerAdvertisesThroughReflectionWhenItAnswersServing() {
        // "" is SERVING too (grpc-java's health manager), but the named service is the stronger check
        PortSpec p = service("catalog", 9091);
        assertThat(p.protocol()).as(yaml).isEqualTo(Protocol.GRPC);
        assertThat(p.grpc().service()).isEqualTo(CHANNELZ);
        assertThat(workload("catalog", 9091).grpc().service()).isEqualTo(CHANNELZ);
    }

    @Test
    void aSelectorKeepsItsServicesAndWorkloadsAndSeveralNamespacesAreUnitedByName() throws Exception {
        assertThat(selected.exitCode()).as(selected.err()).isZero();
        Profile web = ProfileLoader.load("web.yaml", selectedYaml);
        assertThat(web.services()).extracting(ServiceSpec::name).containsExactly("web");
        assertThat(web.workloads()).extracting(WorkloadSpec::name).containsExactly("web");
        // over two namespaces, no single namespace is written, and a Service that one of them lacks is optional
        assertThat(web.namespace()).isNull();
        assertThat(web.services().get(0).optional()).isTrue();
        assertThat(web.services().get(0).ports().get(0).http().path()).as(selectedYaml).isEqualTo("/healthz");
    }

    @Test
    void showsProgressOnATerminalAndClearsItBeforeTheProfile() {
        assertThat(selected.exitCode()).as(selected.err()).isZero();
        // web:80 (8080 behind it), 9901 and 9902, each placed in both namespaces (the empty one finds nothing)
        assertThat(selected.err()).startsWith("\rprobing: 0 of 6 checks done").contains("\rprobing: 6 of 6 checks done")
                .doesNotContain("\n");
        assertThat(selected.err()).as("the line is cleared before the profile").endsWith("\r");
        assertThat(learn.err()).as("no progress line when stderr is not a terminal").doesNotContain("\r");
    }

    @Test
    void marksTheServiceWithoutAReadyEndpointOptionalAndSaysWhy() {
        ServiceSpec queue = learned.services().stream().filter(s -> s.name().equals("queue")).findFirst().orElseThrow();
        assertThat(queue.optional()).as(yaml).isTrue();
        assertThat(yaml).containsPattern("port: 5672, name: amqp, protocol: tcp, optional: true\\}  # not probed when learned: .*ready");
    }

    @Test
    void commentsTheUnidentifiablePortWithWhatItSentAndFindsItPodLocal() {
        PortSpec p = workload("web", 9901);
        assertThat(p.protocol()).as(yaml).isEqualTo(Protocol.TCP);
        assertThat(p.reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(yaml).containsPattern("port: 9901, protocol: tcp, usage: admin, reach: pod-local\\}  # unidentified \\(unknown\\): .*\\\\x00");
    }

    @Test
    void marksTheClosedPortOptionalWithTheRefusal() {
        PortSpec p = workload("web", 9902);
        assertThat(p.optional()).as(yaml).isTrue();
        assertThat(yaml).containsPattern("port: 9902, .*optional: true\\}  # refused when learned: .*refused");
    }

    @Test
    void theReadmeShowsWhatThisRunWrote() throws Exception {
        assertThat(learn.exitCode()).as(learn.err()).isZero();
        assertThat(learn.err()).contains("wrote ").doesNotContain("t0ken-for-tests");
        // which identifier step saw the garbage first (the banner wait, or the GET's reply) depends on how fast the
        // relay is: that word is masked on both sides, nothing else
        String readme = Files.readString(Path.of("..", "README.md")).replaceAll(STEP, " (STEP)");
        assertThat(readme).as("README sample of learn; the real output is:%n%s", yaml)
                .contains("$ ./portprobe learn -n shop --name shop\n" + yaml.replaceAll(STEP, " (STEP)") + "```");
    }

    @Test
    void leavesNoThreadNorDescriptorBehind() throws Exception {
        assertThat(learn.exitCode()).as(learn.err()).isZero();
        // the test's own gRPC server starts its worker threads on its first connection, after the baseline
        java.util.function.Supplier<java.util.Set<String>> left = () -> RunLeaks.newThreads(baseline.threads()).stream()
                .filter(t -> !t.startsWith("grpc-default-worker-")).collect(java.util.stream.Collectors.toSet());
        assertThat(RunLeaks.eventually(() -> left.get().isEmpty())).as("threads left after the run: %s", left.get())
                .isTrue();
        // No descriptor count here: the gRPC server's lazily started workers open their own selectors after the
        // baseline too, so the count cannot tell the CLI's sockets from theirs; the relay's sessions can.
        assertThat(RunLeaks.eventually(() -> api.relay().openSessions() == 0))
                .as("port-forward sessions still open at the relay: %d", api.relay().openSessions()).isTrue();
    }

    @Test
    void writesAProfileThatProbeAcceptsAsItIs() {
        CliRun probe = CliRun.of("probe", "--mode", "port-forward", "-p", dir.resolve("shop.yaml").toString(),
                "--kubeconfig", kubeconfig.toString(), "--timeout", TIMEOUT, "-o", "json");
        // the queue Service has no ready endpoint: UNRESOLVED, but its row is optional, so only a warning
        assertThat(probe.exitCode()).as(probe.err() + probe.out() + yaml).isZero();
    }
}
