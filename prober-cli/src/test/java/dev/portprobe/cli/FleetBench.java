package dev.portprobe.cli;

import io.netty.util.ResourceLeakDetector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet benchmark (issue 13, "a three-cluster run takes no longer than the slowest cluster plus 10%"), over the
 * three fake clusters of {@link FleetBenchClusters}. Each round times, in this warm JVM, each cluster alone
 * ({@code probe --context X}) and then the three together; the report is the median of each over {@code BENCH_ROUNDS}
 * interleaved rounds (default 5), the ratio of the three-cluster run to the slowest single one, and for each run the
 * CPU time of this JVM (the prober) and of the clusters' JVM. It runs three set-ups, each in its own block:
 * <ul>
 *   <li>{@code remote}: the clusters in a JVM of their own, every API answer {@code BENCH_RTT_MS} (default 20) late:
 *       what a fleet of remote clusters looks like to the prober, warm: its marginal cost, for diagnosis;</li>
 *   <li>{@code remote-cold}: the same clusters, every run a fresh prober JVM: a three-cluster run as it exists in the
 *       product (only {@code probe} runs a fleet, once per process; {@code serve} takes one cluster), so the issue's
 *       target is judged on it;</li>
 *   <li>{@code process}: the clusters in their own JVM, no added round trip;</li>
 *   <li>{@code in-jvm}: the clusters in this JVM (the first version of this bench): the fakes' CPU competes with the
 *       prober's on the same cores and counts in its CPU time.</li>
 * </ul>
 * Netty's leak detector runs at its default level (surefire sets it to paranoid for the tests; the CLI never does).
 * It asserts nothing about time (a benchmark, not a test); it is not named *Test, so the build does not run it:
 * {@code bench/fleet} does, and only then (it passes {@code -Dbench.out}) writes {@code bench/fleet-results.md}.
 */
class FleetBench {
    private static final long CHILD_READY_SECONDS = 120;
    private static final int WARM_UP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "10"));

    @TempDir
    Path dir;

    /** One set-up: where the clusters run and what round trip their API has. */
    private record Setup(String name, boolean ownProcess, Duration rtt, boolean cold, String what) {
    }

    /** The JVM options of a cold run: the launcher's ({@code portprobe}'s {@code java_opts}), without its CDS. */
    private static final List<String> COLD_JAVA = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    /** One timed run: wall clock, CPU of this JVM, CPU of the clusters' JVM (-1 when they run in this one). */
    private record Sample(long wallMs, long cpuMs, long fakeCpuMs, java.util.Map<String, Long> byThread, long runMs,
                          long slowestClusterMs) {
    }

    /** The report's own durationMs (the run, without the CLI around it) and the longest of its clusters' durationMs. */
    private static long[] durations(String json) {
        var report = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        long slowest = 0;
        for (var c : report.path("clusters")) {
            slowest = Math.max(slowest, c.path("durationMs").asLong());
        }
        return new long[] {report.path("durationMs").asLong(), slowest};
    }

    /** {@code BENCH_THREADS=1}: CPU per thread group of every run (a diagnostic; its polling costs some CPU). */
    private static ThreadCpuSampler sampler;

    @Test
    void threeClustersAgainstTheSlowestOne() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        sampler = "1".equals(System.getenv("BENCH_THREADS")) ? new ThreadCpuSampler() : null;
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "5"));
        Duration rtt = Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("BENCH_RTT_MS", "20")));
        List<String> only = List.of(System.getenv().getOrDefault("BENCH_SETUPS", "remote,remote-cold,process,in-jvm")
                .split(","));
        String remote = "clusters in their own JVM; every API answer (responses, upgrades, port-forward data coming "
                + "back) held " + rtt.toMillis() + " ms by a TCP link in front of the API, as a remote API's "
                + "round trip";
        List<Setup> setups = List.of(
                new Setup("remote", true, rtt, false, remote + "; the prober warm, in-process: its marginal cost, for diagnosis"),
                new Setup("remote-cold", true, rtt, true, remote + "; every run a fresh prober JVM (`java "
                        + String.join(" ", COLD_JAVA) + " -cp ... dev.portprobe.cli.Main probe ...`, the launcher's "
                        + "options without its CDS archive), as a user runs it (only probe runs a fleet, once per process): the "
                        + "issue's target; wall and CPU are that process's"),
                new Setup("process", true, Duration.ZERO, false, "clusters in their own JVM, no added round trip"),
                new Setup("in-jvm", false, Duration.ZERO, false, "clusters in the prober's JVM, no added round trip "
                        + "(the first version of this bench; the fakes' CPU counts as the prober's)"));
        Path profile = dir.resolve("bench.yaml");
        Files.writeString(profile, FleetBenchClusters.profile());
        StringBuilder text = new StringBuilder("# portprobe fleet benchmark\n\n")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. Three fake clusters (fabric8 mock "
                        + "API in CRUD mode, the kubelet relay, a real HTTP server behind each port-forward), ")
                .append(FleetBenchClusters.SERVICES).append(" Services each (cluster c3's server answers ")
                .append(FleetBenchClusters.SLOW.toMillis()).append(" ms late), probed by port-forward through the CLI "
                        + "(`probe --context ...`, in-process, warm JVM, Netty leak detection at its default). Each "
                        + "round runs c1, c2, c3 alone and then c1+c2+c3 in one run; medians of ").append(rounds)
                .append(" interleaved rounds. Wall = the whole CLI run (kubeconfig read, API, port-forwards, probes, "
                        + "report). CPU = user+sys of the prober's JVM during the run; cluster CPU = user+sys of the "
                        + "clusters' JVM. Run: `bench/fleet` (knobs BENCH_ROUNDS, BENCH_RTT_MS, BENCH_SETUPS).\n");
        for (Setup s : setups) {
            if (only.contains(s.name())) {
                text.append(measure(s, rounds, profile));
            }
        }
        System.out.println(text);
        // Only bench/fleet names the results file: a broad -Dtest pattern that happens to match this class must not
        // rewrite a file of the repository.
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), text, StandardCharsets.UTF_8);
        }
    }

    private String measure(Setup setup, int rounds, Path profile) throws Exception {
        Path config = dir.resolve("kubeconfig-" + setup.name());
        String loadBefore = load();
        Process child = null;
        FleetBenchClusters inJvm = null;
        try {
            if (setup.ownProcess()) {
                child = startChild(setup.rtt(), config);
            } else {
                inJvm = FleetBenchClusters.start(setup.rtt());
                Files.writeString(config, inJvm.kubeconfig());
            }
            ProcessHandle fakes = child == null ? null : child.toHandle();
            // class loading, JIT: without it the rounds time the compiler
            for (int w = 0; w < (setup.cold() ? 1 : WARM_UP); w++) {
                run(setup, config, profile, fakes, "c1", "c2", "c3");
                run(setup, config, profile, fakes, "c" + (w % 3 + 1));
            }
            Sample[][] single = new Sample[3][rounds];
            Sample[] fleet = new Sample[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < 3; c++) {
                    single[c][r] = run(setup, config, profile, fakes, "c" + (c + 1));
                }
                fleet[r] = run(setup, config, profile, fakes, "c1", "c2", "c3");
            }
            return report(setup, single, fleet, loadBefore, load());
        } finally {
            if (inJvm != null) {
                inJvm.close();
            }
            if (child != null) {
                stop(child);
            }
        }
    }

    /** The clusters in a JVM of their own, on this test's class path; it stops when its stdin closes. */
    private Process startChild(Duration rtt, Path config) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", cp, FleetBenchClusters.class.getName(),
                Long.toString(rtt.toMillis()), config.toString())
                .redirectError(dir.resolve("clusters-" + rtt.toMillis() + ".log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while ((line = out.readLine()) != null && !line.equals("READY")) {
                        System.out.println("clusters: " + line);
                    }
                } catch (java.io.IOException e) {
                    // the process died; seen below
                }
            }, "fleet-bench-clusters-ready");
            reader.setDaemon(true);
            reader.start();
            reader.join(TimeUnit.SECONDS.toMillis(CHILD_READY_SECONDS));
            if (reader.isAlive() || !p.isAlive() || !Files.exists(config)) {
                throw new IllegalStateException("the clusters' JVM did not start; see "
                        + dir.resolve("clusters-" + rtt.toMillis() + ".log"));
            }
            return p;
        } catch (Exception | Error e) {
            stop(p);
            throw e;
        }
    }

    private static void stop(Process p) throws InterruptedException {
        try {
            p.getOutputStream().close();
        } catch (java.io.IOException e) {
            // already gone
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One whole CLI run (in-process, or a fresh JVM when cold); a run that does not exit 0 stops the benchmark. */
    private Sample run(Setup setup, Path config, Path profile, ProcessHandle fakes, String... contexts)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("probe", "--mode", "port-forward", "-p", profile.toString(),
                "--kubeconfig", config.toString(), "--timeout", "10s", "-o", "json"));
        for (String c : contexts) {
            args.add("--context");
            args.add(c);
        }
        if (setup.cold()) {
            return cold(args, fakes, contexts);
        }
        if (sampler != null) {
            sampler.reset();
        }
        long fakeStart = cpuOf(fakes);
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpu = (cpuNanos() - cpuStart) / 1_000_000;
        long fake = fakes == null ? -1 : cpuOf(fakes) - fakeStart;
        java.util.Map<String, Long> byThread = sampler == null ? java.util.Map.of() : sampler.window();
        if (run.exitCode() != 0) {
            throw new IllegalStateException("bench run " + Arrays.toString(contexts) + " exited " + run.exitCode()
                    + ": " + run.err() + run.out().lines()
                    .filter(l -> l.contains("\"detail\"") && !l.contains("200 OK")).limit(5).toList());
        }
        long[] d = durations(run.out());
        return new Sample(wall, cpu, fake, byThread, d[0], d[1]);
    }

    /** The run in a JVM of its own, timed by /usr/bin/time (elapsed, user, sys of that process). */
    private Sample cold(List<String> args, ProcessHandle fakes, String... contexts) throws Exception {
        Path times = dir.resolve("time.txt");
        Path out = dir.resolve("cold.out");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", times.toString(),
                ProcessHandle.current().info().command().orElse("java")));
        command.addAll(COLD_JAVA);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), Main.class.getName()));
        command.addAll(args);
        long fakeStart = cpuOf(fakes);
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("cold.err").toFile())
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("cold run " + Arrays.toString(contexts) + " did not end in 2 minutes");
        }
        long fake = cpuOf(fakes) - fakeStart;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("cold run " + Arrays.toString(contexts) + " exited " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("cold.err")).lines().limit(8).toList());
        }
        String[] t = Files.readAllLines(times).get(Files.readAllLines(times).size() - 1).strip().split(" ");
        long wall = Math.round(Double.parseDouble(t[0]) * 1000);
        long cpu = Math.round((Double.parseDouble(t[1]) + Double.parseDouble(t[2])) * 1000);
        long[] d = durations(Files.readString(out));
        return new Sample(wall, cpu, fake, java.util.Map.of(), d[0], d[1]);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User+sys milliseconds of another process so far (Linux: /proc, 10 ms ticks); 0 without one. */
    private static long cpuOf(ProcessHandle p) {
        return p == null ? 0 : p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] of(Sample[] samples, java.util.function.ToLongFunction<Sample> f) {
        return Arrays.stream(samples).mapToLong(f).toArray();
    }

    private static String load() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static String report(Setup setup, Sample[][] single, Sample[] fleet, String loadBefore, String loadAfter) {
        boolean fakesApart = fleet[0].fakeCpuMs() >= 0;
        StringBuilder rows = new StringBuilder();
        long slowest = 0;
        long cpuSum = 0;
        for (int c = 0; c < 3; c++) {
            long wall = median(of(single[c], Sample::wallMs));
            slowest = Math.max(slowest, wall);
            cpuSum += median(of(single[c], Sample::cpuMs));
            rows.append(row("c" + (c + 1) + " alone" + (c == 2 ? " (server " + FleetBenchClusters.SLOW.toMillis()
                    + " ms late)" : ""), single[c], fakesApart));
        }
        rows.append(row("c1 + c2 + c3 in one run", fleet, fakesApart));
        long together = median(of(fleet, Sample::wallMs));
        double ratio = (double) together / slowest;
        return "\n## " + setup.name() + ": " + setup.what() + "\n\nload average before " + loadBefore + ", after "
                + loadAfter + "\n\n| run | wall median | wall rounds | report durationMs | slowest cluster in it "
                + "| prober CPU median | cluster CPU median |\n|---|---|---|---|---|---|---|\n" + rows + "\n"
                + String.format(Locale.ROOT, "three-cluster run / slowest single cluster = %d / %d ms = **%.2f** "
                + "(target <= 1.10: %s); prober CPU of the three-cluster run %d ms against %d ms for the three alone%n",
                together, slowest, ratio, ratio <= 1.10 ? "met" : "NOT met", median(of(fleet, Sample::cpuMs)), cpuSum)
                + (sampler == null || setup.cold() ? "" : threads(single, fleet));
    }

    /** Mean CPU per thread group: c1 alone, c1+c2+c3, and what no Java thread accounts for (JIT, GC). */
    private static String threads(Sample[][] single, Sample[] fleet) {
        java.util.Map<String, long[]> groups = new java.util.TreeMap<>();
        add(groups, single[0], 0);
        add(groups, fleet, 1);
        StringBuilder t = new StringBuilder("\nCPU by thread group, mean ms per run (BENCH_THREADS=1)\n\n"
                + "| threads | c1 alone | c1 + c2 + c3 |\n|---|---|---|\n");
        long[] sum = new long[2];
        groups.forEach((name, v) -> {
            if (v[0] + v[1] >= 2 * fleet.length) {
                t.append("| ").append(name).append(" | ").append(v[0] / fleet.length).append(" | ")
                        .append(v[1] / fleet.length).append(" |\n");
            }
            if (!name.startsWith("[")) {
                sum[0] += v[0];
                sum[1] += v[1];
            }
        });
        long cpu0 = Arrays.stream(single[0]).mapToLong(Sample::cpuMs).sum();
        long cpu1 = Arrays.stream(fleet).mapToLong(Sample::cpuMs).sum();
        return t.append("| (no Java thread: JIT, GC) | ").append((cpu0 - sum[0]) / fleet.length).append(" | ")
                .append((cpu1 - sum[1]) / fleet.length).append(" |\n").toString();
    }

    private static void add(java.util.Map<String, long[]> groups, Sample[] samples, int column) {
        for (Sample s : samples) {
            s.byThread().forEach((name, ms) -> groups.computeIfAbsent(name, k -> new long[2])[column] += ms);
        }
    }

    private static String row(String name, Sample[] s, boolean fakesApart) {
        return "| " + name + " | " + median(of(s, Sample::wallMs)) + " ms | " + Arrays.toString(of(s, Sample::wallMs))
                + " | " + median(of(s, Sample::runMs)) + " ms | " + (s[0].slowestClusterMs() > 0
                ? median(of(s, Sample::slowestClusterMs)) + " ms" : "") + " | " + median(of(s, Sample::cpuMs))
                + " ms | "
                + (fakesApart ? median(of(s, Sample::fakeCpuMs)) + " ms" : "(in the prober's)") + " |\n";
    }
}
