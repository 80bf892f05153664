package dev.portprobe.cli;

import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.kube.FakeKubeApi;
import dev.portprobe.testing.kube.K8sObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark (issue 13, "a three-cluster run takes no longer than the slowest cluster plus 10%"): three
 * fake clusters (fabric8's mock API, the kubelet relay, a real HTTP server behind every port-forward), each with
 * {@link #SERVICES} Services; the third cluster's server answers {@link #SLOW} later, so the clusters differ as real
 * ones do. Each round times, in one warm JVM, each cluster alone ({@code probe --context X}) and then the three
 * together; the report is the median of each over {@code BENCH_ROUNDS} rounds (default 5) and the ratio of the
 * three-cluster run to the slowest single one. It asserts nothing about time (a benchmark, not a test); it is not
 * named *Test, so the build does not run it: {@code bench/fleet} does, and writes {@code bench/fleet-results.md}.
 */
class FleetBench {
    private static final int SERVICES = 8;
    private static final Duration SLOW = Duration.ofMillis(150);
    private static final String NS = "bench";

    @TempDir
    Path dir;

    @Test
    void threeClustersAgainstTheSlowestOne() throws Exception {
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "5"));
        List<AutoCloseable> open = new ArrayList<>();
        try {
            StringBuilder kubeconfig = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: c1\nclusters:\n");
            StringBuilder contexts = new StringBuilder("contexts:\n");
            for (int c = 1; c <= 3; c++) {
                FakeKubeApi api = FakeKubeApi.start();
                open.add(api);
                Duration delay = c == 3 ? SLOW : Duration.ZERO;
                MockWebServer app = HttpServers.plain(() -> new MockResponse.Builder().code(200)
                        .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).build());
                open.add(app);
                install(api, app);
                kubeconfig.append("- name: c").append(c).append("\n  cluster: {server: \"http://127.0.0.1:")
                        .append(api.port()).append("\"}\n");
                contexts.append("- name: c").append(c).append("\n  context: {cluster: c").append(c)
                        .append(", user: u}\n");
            }
            Path config = dir.resolve("kubeconfig");
            Files.writeString(config, kubeconfig + contexts.toString() + "users:\n- name: u\n  user: {token: \"t\"}\n");
            Path profile = dir.resolve("bench.yaml");
            StringBuilder p = new StringBuilder("apiVersion: portprobe/v1\nname: bench\nnamespace: " + NS
                    + "\nservices:\n");
            for (int i = 0; i < SERVICES; i++) {
                p.append("  - name: svc-").append(i).append("\n    ports:\n      - {port: 80, targetPort: ")
                        .append(8000 + i).append(", protocol: http, http: {path: /healthz}}\n");
            }
            Files.writeString(profile, p);
            run(config, profile, "c1", "c2", "c3"); // warm-up: class loading, TLS and engine set-up
            long[][] single = new long[3][rounds];
            long[] fleet = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < 3; c++) {
                    single[c][r] = run(config, profile, "c" + (c + 1));
                }
                fleet[r] = run(config, profile, "c1", "c2", "c3");
            }
            report(rounds, single, fleet);
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
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

    /** Milliseconds of one whole in-process run; a run that does not exit 0 stops the benchmark. */
    private static long run(Path config, Path profile, String... contexts) {
        List<String> args = new ArrayList<>(List.of("probe", "--mode", "port-forward", "-p", profile.toString(),
                "--kubeconfig", config.toString(), "--timeout", "10s", "-o", "json"));
        for (String c : contexts) {
            args.add("--context");
            args.add(c);
        }
        long start = System.nanoTime();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (run.exitCode() != 0) {
            throw new IllegalStateException("bench run " + Arrays.toString(contexts) + " exited " + run.exitCode()
                    + ": " + run.err() + run.out().lines().filter(l -> l.contains("\"detail\"") && !l.contains("200 OK"))
                    .limit(5).toList());
        }
        return ms;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(int rounds, long[][] single, long[] fleet) throws Exception {
        long slowest = 0;
        StringBuilder rows = new StringBuilder();
        for (int c = 0; c < 3; c++) {
            long m = median(single[c]);
            slowest = Math.max(slowest, m);
            rows.append("| cluster c").append(c + 1).append(" alone").append(c == 2 ? " (server answers " + SLOW.toMillis()
                    + " ms late)" : "").append(" | ").append(m).append(" ms | ").append(Arrays.toString(single[c]))
                    .append(" |\n");
        }
        long together = median(fleet);
        double ratio = (double) together / slowest;
        rows.append("| c1 + c2 + c3 in one run | ").append(together).append(" ms | ").append(Arrays.toString(fleet))
                .append(" |\n");
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        String text = "# portprobe fleet benchmark\n\n"
                + Instant.now().truncatedTo(ChronoUnit.MINUTES) + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + load + ". Three fake clusters (fabric8 mock API in CRUD mode, the kubelet "
                + "relay, a real HTTP server behind each port-forward), " + SERVICES + " Services each, probed by "
                + "port-forward in one warm JVM; medians of " + rounds + " interleaved rounds. Run: `bench/fleet`.\n\n"
                + "| run | median | rounds |\n|---|---|---|\n" + rows + "\n"
                + String.format(Locale.ROOT, "three-cluster run / slowest single cluster = %d / %d ms = **%.2f** "
                + "(target <= 1.10: %s)%n", together, slowest, ratio, ratio <= 1.10 ? "met" : "NOT met");
        System.out.println(text);
        Path out = Path.of(System.getProperty("bench.out", "../bench/fleet-results.md"));
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
