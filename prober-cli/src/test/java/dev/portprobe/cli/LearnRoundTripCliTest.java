package dev.portprobe.cli;

import static dev.portprobe.testing.kube.GlooEnterpriseCluster.EXTAUTH_POD;
import static dev.portprobe.testing.kube.GlooEnterpriseCluster.NS;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.GlooEnterpriseCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's round trip: learn a profile from a healthy simulated Gloo Enterprise install (the fake API, its pods'
 * ports the real servers of a {@code SimulatedInstall} behind the port-forward relay), then probe the same install
 * with the learned profile: every check OK. The install is made healthy first: rate-limit's pod turns ready and
 * extauth's 8083 answers with its gRPC server.
 */
class LearnRoundTripCliTest {
    /** Generous for a loaded machine; only the silent ports (10101, 8081 of gloo-fed-console) wait it out. */
    private static final String TIMEOUT = "20s";

    @TempDir
    static Path dir;
    private static FakeKubeApi api;
    private static GlooEnterpriseCluster cluster;
    private static Path kubeconfig;
    private static Path learnedFile;
    private static CliRun learn;
    private static CliRun probe;
    private static Profile learned;

    @BeforeAll
    static void learnThenProbe() throws Exception {
        api = FakeKubeApi.start();
        cluster = GlooEnterpriseCluster.install(api);
        cluster.rateLimitBecomesReady(api);
        api.relay().route(NS, EXTAUTH_POD, 8083, cluster.server("extauth:8083"));
        kubeconfig = api.kubeconfig(dir, "gloo-ee", null, "t0ken-for-tests");
        learnedFile = dir.resolve("learned.yaml");
        learn = CliRun.of("learn", "--mode", "port-forward", "-n", NS, "--kubeconfig", kubeconfig.toString(),
                "--timeout", TIMEOUT, "--name", "gloo-learned", "--out", learnedFile.toString());
        if (learn.exitCode() == 0) {
            learned = ProfileLoader.load(learnedFile);
            probe = CliRun.of("probe", "--mode", "port-forward", "-p", learnedFile.toString(), "-o", "json",
                    "--kubeconfig", kubeconfig.toString(), "--timeout", TIMEOUT);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static String yaml() throws Exception {
        return Files.readString(learnedFile);
    }

    private static PortSpec row(String service, int port) {
        ServiceSpec s = learned.services().stream().filter(x -> x.name().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service " + service + " in the learned profile"));
        return s.ports().stream().filter(p -> p.port() == port).findFirst().orElseThrow();
    }

    @Test
    void probingTheSameInstallWithTheLearnedProfileIsAllOk() throws Exception {
        assertThat(learn.exitCode()).as(learn.err()).isZero();
        assertThat(probe.exitCode()).as(probe.err() + "\n" + yaml() + "\n" + probe.out()).isZero();
        JsonNode json = new ObjectMapper().readTree(probe.out());
        List<String> notOk = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            if (!r.get("status").asString().equals("OK")) {
                notOk.add(r.get("name").asString() + ":" + r.get("port").asInt() + " " + r.get("status").asString()
                        + (r.get("required").asBoolean() ? "" : " (optional)"));
            }
        }
        // Declared container ports where nothing listens (gloo's rest-xds 9976, gateway-proxy's stats 8081): learn
        // wrote them optional, with the refusal as their comment; they still refuse, as warnings, not failures.
        assertThat(notOk).as(yaml()).containsExactlyInAnyOrder("gloo:9976 REFUSED (optional)",
                "gateway-proxy:8081 REFUSED (optional)");
        assertThat(yaml()).contains("port: 9976, name: rest-xds, protocol: tcp, optional: true}  # refused when learned");
        assertThat(json.get("summary").get("failed").asInt()).isZero();
        assertThat(json.get("results")).hasSize(Planner.plan(learned).size());
    }

    @Test
    void learnsEveryServicePortOfTheInstallWithTheProtocolItsServerSpeaks() throws Exception {
        Profile builtin = cluster.profile();
        for (Check c : Planner.plan(builtin)) {
            if (c.kind() != dev.portprobe.plan.CheckKind.SERVICE || c.optionalService()) {
                continue; // grafana and access-log are not installed
            }
            String expected = switch (c.expected()) {
                case TLS, HTTPS -> "(tls|https)";
                default -> c.expected().id();
            };
            assertThat(row(c.name(), c.port()).protocol().id()).as(c.id() + "\n" + yaml()).matches(expected);
        }
    }

    @Test
    void writesTheHealthPathsThatAnswerAndCommentsTheSilentPorts() throws Exception {
        // the simulated servers answer 200 on every path: the first well-known path is written
        assertThat(row("glooe-prometheus-server", 80).http().path()).isEqualTo("/ready");
        assertThat(row("glooe-prometheus-kube-state-metrics", 80).http().path()).isEqualTo("/ready");
        assertThat(yaml()).containsPattern("port: 10101, .*protocol: tcp.*# unidentified \\(silent\\)");
        // the names Gloo's servers register their health under, as the built-in profile has them: neither is the
        // Service's nor the port's name, the reference-table rules know them, and each answers SERVING
        assertThat(row("rate-limit", 18081).grpc().service()).as(yaml()).isEqualTo("ratelimit");
        assertThat(row("extauth", 8083).grpc().service()).as(yaml()).isEqualTo("ext-auth");
    }
}
