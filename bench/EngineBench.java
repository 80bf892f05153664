import dev.portprobe.probe.EngineOptions;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * In-process engine throughput, for profiling changes to the engine and probes without JVM start-up in the way:
 * ROUNDS rounds of CHECKS checks of PROTOCOL over the ports in PORTS_FILE on HOST, at CONCURRENCY, in one engine.
 * Prints the wall and process CPU time of each round and the statuses seen. Not part of bench/run's table.
 *
 * <p>{@code java -cp portprobe.jar bench/EngineBench.java PROTOCOL HOST PORTS_FILE CHECKS ROUNDS CONCURRENCY}
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        Protocol protocol = Protocol.fromId(args[0]).orElseThrow();
        String host = args[1];
        List<Integer> ports = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank())
                .map(String::strip).map(Integer::parseInt).toList();
        int checks = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(concurrency))) {
            for (int r = 1; r <= rounds; r++) {
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<CompletableFuture<ProbeOutcome>> all = new ArrayList<>(checks);
                for (int i = 0; i < checks; i++) {
                    int port = ports.get(i % ports.size());
                    all.add(engine.probe(new ProbeRequest(host, port, PortSpec.of(port, protocol), Duration.ofSeconds(3))));
                }
                Map<String, Integer> statuses = new TreeMap<>();
                for (CompletableFuture<ProbeOutcome> f : all) {
                    statuses.merge(f.join().status().name(), 1, Integer::sum);
                }
                double wall = (System.nanoTime() - start) / 1e6;
                double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
                System.out.printf(java.util.Locale.ROOT, "round %d: %.0f ms wall, %.0f ms cpu, %.0f checks/s %s%n",
                        r, wall, cpuMs, checks * 1000 / wall, statuses);
            }
        }
    }
}
