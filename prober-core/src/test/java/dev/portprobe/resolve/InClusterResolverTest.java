package dev.portprobe.resolve;

import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD;
import static dev.portprobe.testing.kube.GlooInstall.GLOO_POD_2;
import static dev.portprobe.testing.kube.GlooInstall.NS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Drift;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooInstall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-cluster mode from a pretend pod: the service account is a temporary token/CA directory, the API server is the
 * fake one over TLS, and the cluster DNS maps Service names to loopback VIPs where real servers listen.
 */
class InClusterResolverTest {
    /** The DNS deadline under test: a lookup that hangs gives up after it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * The deadline of everything whose verdict comes from what the fake API, the names and the servers do, not from
     * the clock (API calls, lookups that answer, probes): one a loaded machine meets, since those answer at once.
     */
    private static final Duration ANSWERED = Duration.ofSeconds(30);
    private static final String SA_TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VydmljZWFjY291bnQ.c2lnbmF0dXJl";

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static GlooInstall install;
    private static ServiceAccount account;

    @BeforeAll
    static void start() throws Exception {
        api = FakeKubeApi.startHttps();
        try (var admin = api.adminClient()) {
            GlooInstall.load(admin, api.relay());
        }
        install = new GlooInstall().startPodServers().startServiceServers();
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), SA_TOKEN + "\n");
        Files.copy(api.caCertificate(), sa.resolve("ca.crt"));
        Files.writeString(sa.resolve("namespace"), "portprobe");
        account = new ServiceAccount(sa, "localhost", String.valueOf(api.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (install != null) {
            install.close();
            install = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    @AfterEach
    void clearFaults() {
        api.clearFaults();
    }

    /** The cluster network: DNS to the VIPs, and the Service NAT to the servers behind them. */
    private static NameResolver dns(String domain) {
        return install.clusterNetwork(domain);
    }

    private static InClusterResolver resolver(boolean perEndpoint, String domain, NameResolver names) throws Exception {
        return resolver(perEndpoint, domain, names, ANSWERED);
    }

    /** As above, with {@code lookups} as the DNS lookups' deadline. */
    private static InClusterResolver resolver(boolean perEndpoint, String domain, NameResolver names, Duration lookups)
            throws Exception {
        KubeAccess access = KubeAccess.inCluster(account, new KubeOptions(null, null, null, ANSWERED));
        return new InClusterResolver(access, access.namespaceFor(NS), GlooInstall.profile(), domain, perEndpoint,
                names, lookups);
    }

    private static Report run(Resolver resolver, List<Check> checks) throws Exception {
        try (resolver; ProbeEngine engine = new ProbeEngine()) {
            return new ProbeRunner(engine, resolver, new RunOptions(ANSWERED, 0, null), null)
                    .run("gloo-mesh-enterprise", checks);
        }
    }

    private static List<CheckResult> results(Report report, String name, int port) {
        return report.results().stream().filter(r -> r.check().name().equals(name) && r.check().port() == port).toList();
    }

    private static CheckResult result(Report report, String name, int port) {
        return results(report, name, port).get(0);
    }

    @Test
    void dialsEveryServiceByItsClusterDnsNameWithTheMountedServiceAccount() throws Exception {
        Report report = run(resolver(false, "cluster.local", dns("cluster.local")), GlooInstall.checks());
        CheckResult gloo = result(report, "gloo", 9977);
        assertThat(gloo.status()).isEqualTo(Status.OK);
        assertThat(gloo.endpoint()).isEqualTo("gloo.gloo-system.svc.cluster.local:9977");
        assertThat(gloo.pod()).isNull();
        assertThat(install.backend(GlooInstall.NET + "1.2", 9977).accepted()).isPositive();
        CheckResult prometheus = result(report, "glooe-prometheus-server", 80);
        assertThat(prometheus.status()).isEqualTo(Status.OK);
        assertThat(prometheus.drift()).containsExactly(new Drift("targetPort", 9090, 9091));
        assertThat(result(report, "extauth", 8083).status()).isEqualTo(Status.REFUSED);
        assertThat(result(report, "rate-limit", 18081).status()).isEqualTo(Status.UNRESOLVED);
        assertThat(result(report, "glooe-grafana", 80).status()).isEqualTo(Status.SKIPPED);
        assertThat(report.mode()).isEqualTo("in-cluster");
        assertThat(report.namespace()).isEqualTo(NS);
        assertThat(report.notes()).isEmpty();
        assertThat(api.authorizations()).contains("Bearer " + SA_TOKEN);
    }

    @Test
    void anInstalledOptionalServiceWithoutReadyEndpointsFailsTheRun() throws Exception {
        var grafana = dev.portprobe.testing.kube.K8sObjects.service(NS, "glooe-grafana", Map.of("app", "grafana"),
                dev.portprobe.testing.kube.K8sObjects.servicePort("http", 80, 3000));
        try (var admin = api.adminClient()) {
            admin.services().inNamespace(NS).resource(grafana).create();
        }
        try {
            List<Check> checks = GlooInstall.checks().stream().filter(c -> c.name().equals("glooe-grafana")).toList();
            assertThat(checks).singleElement().satisfies(c -> assertThat(c.optionalService()).isTrue());
            Report report = run(resolver(false, "cluster.local", dns("cluster.local")), checks);

            assertThat(result(report, "glooe-grafana", 80).status()).isEqualTo(Status.UNRESOLVED);
            assertThat(report.summary().failed()).isEqualTo(1);
            assertThat(report.exitCode()).as("optional means may be absent, not may be broken").isEqualTo(1);
        } finally {
            try (var admin = api.adminClient()) {
                admin.services().inNamespace(NS).withName("glooe-grafana").delete();
            }
        }
    }

    @Test
    void skipsPodLocalPortsAndSaysWhy() throws Exception {
        Report report = run(resolver(false, "cluster.local", dns("cluster.local")),
                List.of(GlooInstall.check("gateway-proxy", 19000)));
        CheckResult admin = report.results().get(0);
        assertThat(admin.status()).isEqualTo(Status.SKIPPED);
        assertThat(admin.detail()).isEqualTo("port 19000 of gateway-proxy binds 127.0.0.1 inside the pod "
                + "(reach: pod-local): another pod cannot reach it");
        assertThat(admin.hint()).isEqualTo("probe it with --mode port-forward");
    }

    @Test
    void namesTheBrokenReplicaWhenEveryEndpointIsDialed() throws Exception {
        install.backend(GlooInstall.NET + "0.10", 9966).close();
        try {
            Report report = run(resolver(true, "cluster.local", dns("cluster.local")),
                    List.of(GlooInstall.check("gloo", 9966)));
            List<CheckResult> rs = results(report, "gloo", 9966);
            assertThat(rs).extracting(CheckResult::endpoint).containsExactly(
                    "gloo.gloo-system.svc.cluster.local:9966", GlooInstall.NET + "0.2:9966", GlooInstall.NET + "0.10:9966");
            assertThat(rs).extracting(CheckResult::pod).containsExactly(null, GLOO_POD, GLOO_POD_2);
            assertThat(rs).extracting(CheckResult::status).containsExactly(Status.OK, Status.OK, Status.REFUSED);
        } finally {
            install.listen(GlooInstall.NET + "0.10", 9966);
        }
    }

    @Test
    void reportsAServiceNameThatDoesNotResolveAsUnresolved() throws Exception {
        NameResolver noRedis = host -> {
            if (host.startsWith("redis.")) {
                throw new UnknownHostException(host);
            }
            return dns("cluster.local").resolve(host);
        };
        Report report = run(resolver(false, "cluster.local", noRedis), List.of(GlooInstall.check("redis", 6379)));
        CheckResult r = report.results().get(0);
        assertThat(r.status()).isEqualTo(Status.UNRESOLVED);
        assertThat(r.detail()).isEqualTo("DNS: redis.gloo-system.svc.cluster.local does not resolve");
        assertThat(r.hint()).contains("--cluster-domain").contains("kubectl -n gloo-system get svc redis");
    }

    @Test
    void givesUpOnADnsLookupThatHangsAtTheTimeout() throws Exception {
        NameResolver stuck = host -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        Report report = run(resolver(false, "cluster.local", stuck, TIMEOUT), List.of(GlooInstall.check("redis", 6379)));
        assertThat(report.results().get(0).status()).isEqualTo(Status.UNRESOLVED);
        assertThat(report.results().get(0).detail())
                .isEqualTo("DNS: no answer for redis.gloo-system.svc.cluster.local within 1000 ms");
    }

    @Test
    void usesTheClusterDomainItIsGiven() throws Exception {
        Report report = run(resolver(false, "corp.internal.", dns("corp.internal")), List.of(GlooInstall.check("redis", 6379)));
        assertThat(report.results().get(0).endpoint()).isEqualTo("redis.gloo-system.svc.corp.internal:6379");
        assertThat(report.results().get(0).status()).isEqualTo(Status.OK);
    }

    @Test
    void fallsBackToDnsOnlyWhenTheServiceAccountMayNotListServices() throws Exception {
        api.fail("GET", "/namespaces/gloo-system/services$", 403, "services is forbidden: User "
                + "\"system:serviceaccount:portprobe:portprobe\" cannot list resource \"services\"", 1000);
        Check workloadPort = new Check("gloo", CheckKind.WORKLOAD, "gloo", 9979, 9979, PortSpec.of(9979, Protocol.HTTP),
                true, false);
        Report report = run(resolver(false, "cluster.local", dns("cluster.local")),
                List.of(GlooInstall.check("gloo", 9977), GlooInstall.check("rate-limit", 18081), workloadPort));
        assertThat(report.notes()).singleElement().asString()
                .startsWith("in-cluster: the service account may not list services in gloo-system, so Services "
                        + "were dialed by DNS name only");
        assertThat(report.results().get(0).status()).isEqualTo(Status.OK);
        assertThat(report.results().get(0).endpoint()).isEqualTo("gloo.gloo-system.svc.cluster.local:9977");
        assertThat(report.results().get(1).status()).as("no readiness check without the API").isEqualTo(Status.REFUSED);
        assertThat(report.results().get(2).status()).isEqualTo(Status.UNRESOLVED);
        assertThat(report.results().get(2).hint()).contains("list pods in gloo-system");
    }

    @Test
    void dialsByDnsOnlyWithoutAServiceAccountAndSaysSo() throws Exception {
        InClusterResolver noApi = new InClusterResolver(null, NS, GlooInstall.profile(), null, true,
                dns("cluster.local"), ANSWERED);
        Report report = run(noApi, List.of(GlooInstall.check("redis", 6379)));
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.OK);
            assertThat(r.endpoint()).isEqualTo("redis.gloo-system.svc.cluster.local:6379");
        });
        assertThat(report.notes()).singleElement().asString().startsWith("in-cluster without API access");
    }
}
