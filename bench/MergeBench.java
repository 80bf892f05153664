import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Format;
import dev.portprobe.report.JsonReportReader;
import dev.portprobe.report.JsonReportWriter;
import dev.portprobe.report.RenderOptions;
import dev.portprobe.report.Renderers;
import dev.portprobe.report.Report;
import dev.portprobe.report.ReportMerge;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code job run --per-node}'s merge, measured: NODES synthetic per-node logs of the gloo-mesh-enterprise profile (each
 * the JSON report a pod prints, one port REFUSED on every tenth node), read back, merged into the node x port matrix
 * and rendered as the table and JSON, ROUNDS times. Prints each round's wall time, the heap's peak use and -Xmx.
 * Run it under the Job's heap: {@code java -Xmx64m -XX:+UseSerialGC -cp prober-cli/target/portprobe.jar
 * bench/MergeBench.java [NODES] [ROUNDS]} (bench/merge-per-node does).
 */
public final class MergeBench {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Check> plan = Planner.plan(ProfileLoader.resolve("gloo-mesh-enterprise")).stream()
                .map(c -> c.inNamespace("gloo-system")).toList();
        List<String> logs = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            boolean bad = n % 10 == 3;
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                Check c = plan.get(i);
                boolean refused = bad && i == 2;
                results.add(new CheckResult(c, refused ? Status.REFUSED : Status.OK,
                        refused ? null : c.expected().id(), c.name() + ".gloo-system.svc:" + c.port(), null, 1.5,
                        refused ? "connect: connection refused" : c.expected().id() + " answered",
                        refused ? "nothing listens on " + c.port() : null, List.of(), null));
            }
            Report r = new Report("gloo-mesh-enterprise", "in-cluster", "gloo-system",
                    Instant.parse("2026-12-06T23:00:00Z"), 120, results, List.of());
            logs.add("Picked up JAVA_TOOL_OPTIONS: -Xmx64m\nprobing " + plan.size() + " checks\n"
                    + new JsonReportWriter().renderToString(r));
        }
        System.out.printf("%d per-node logs of %d checks each, %d KiB of JSON in all%n", nodes, plan.size(),
                logs.stream().mapToLong(String::length).sum() / 1024);
        for (int round = 1; round <= rounds; round++) {
            var threads = ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            Map<String, Report> byNode = new LinkedHashMap<>();
            for (int n = 0; n < nodes; n++) {
                byNode.put(String.format("ip-10-0-%d-%d.ec2.internal", n / 250, n % 250),
                        JsonReportReader.find(logs.get(n), "node " + n).orElseThrow());
            }
            long t1 = System.nanoTime();
            Report merged = ReportMerge.perNode(byNode);
            String table = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(merged);
            long t2 = System.nanoTime();
            String json = Renderers.of(Format.JSON, RenderOptions.PLAIN).renderToString(merged);
            long t3 = System.nanoTime();
            long cpu = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            System.out.printf("round %d: %d results; wall %d ms = read %d + merge and table %d + json %d; CPU %d ms"
                    + " (table %d KiB, json %d KiB, %d hinted)%n", round, merged.results().size(), (t3 - t0) / 1_000_000,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, cpu, table.length() / 1024,
                    json.length() / 1024,
                    merged.results().stream().filter(r -> r.hint() != null && r.hint().startsWith("fails from")).count());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("heap: peak %d MiB of -Xmx %d MiB%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
