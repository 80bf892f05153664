package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Shard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReportMergeTest {
    private static final List<Check> PLAN = plan();

    private static List<Check> plan() {
        try {
            return SyntheticReports.plan("gloo-mesh-enterprise");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 50)
    void shardsPartitionThePlanAndInterleaveBackToIt(@ForAll @IntRange(min = 1, max = 40) int count) {
        List<List<Check>> parts = IntStream.range(0, count).mapToObj(i -> new Shard(i, count).apply(PLAN)).toList();
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(PLAN.size());
        assertThat(parts).allMatch(p -> p.size() <= (PLAN.size() + count - 1) / count);
        assertThat(Shard.interleave(parts)).containsExactlyElementsOf(PLAN);
    }

    @Test
    void aShardIsParsedOrRefusedWithTheOption() throws Exception {
        assertThat(Shard.parse("2/3")).isEqualTo(new Shard(2, 3));
        for (String bad : List.of("3/3", "-1/3", "1/0", "x", "1/", "0/101")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Shard.parse(bad))
                    .hasMessageStartingWith("--shard: ");
        }
    }

    @Test
    void aPortFailingOnSomeNodesOnlyGetsAHintNamingThemAndAPortFailingEverywhereKeepsItsOwn() {
        Check flaky = PLAN.get(1);
        Check down = PLAN.get(2);
        Map<String, Report> byNode = new LinkedHashMap<>();
        for (String node : List.of("n1", "n2", "n3", "n4", "n5", "n6")) {
            boolean bad = node.equals("n2") || node.equals("n5");
            byNode.put(node, SyntheticReports.of("gloo-mesh-enterprise", PLAN.subList(0, 4),
                    (i, c) -> c.equals(down) || (bad && c.equals(flaky)) ? Status.REFUSED : Status.OK));
        }
        Report merged = ReportMerge.perNode(byNode);
        assertThat(merged.results()).hasSize(24);
        assertThat(merged.nodes()).containsExactly("n1", "n2", "n3", "n4", "n5", "n6");
        List<CheckResult> flakyFailures = merged.results().stream()
                .filter(r -> r.check().equals(flaky) && !r.status().ok()).toList();
        assertThat(flakyFailures).extracting(CheckResult::node).containsExactly("n2", "n5");
        assertThat(flakyFailures).extracting(CheckResult::hint).containsOnly("fails from nodes n2, n5 but passes from"
                + " n1, n3, n4 and 1 more: the path differs by node; check the CNI on n2, n5 (its agent pod and routes),"
                + " a NetworkPolicy that treats those nodes apart, or the node firewall (iptables/nftables, the cloud's"
                + " security group)");
        assertThat(merged.results()).filteredOn(r -> r.check().equals(down)).hasSize(6)
                .allMatch(r -> r.hint().startsWith("nothing listens on " + down.port()));
        assertThat(merged.summary().failed()).isEqualTo(8);
        assertThat(merged.exitCode()).isEqualTo(1);
    }

    @Test
    void aSkippedNodeNeitherPassesNorFails() {
        Check c = PLAN.get(0);
        Map<String, Report> byNode = new LinkedHashMap<>();
        byNode.put("a", SyntheticReports.of("p", List.of(c), (i, x) -> Status.SKIPPED));
        byNode.put("b", SyntheticReports.of("p", List.of(c), (i, x) -> Status.TIMEOUT));
        Report merged = ReportMerge.perNode(byNode);
        assertThat(merged.results().get(1).hint()).startsWith("nothing listens");
    }

    @Test
    void theJsonOfAPerNodeReportCarriesTheNodeAndReadsBack() throws Exception {
        Map<String, Report> byNode = new LinkedHashMap<>();
        byNode.put("worker-a", SyntheticReports.of("gloo-mesh-enterprise", PLAN.subList(0, 2), (i, c) -> Status.OK));
        byNode.put("worker-b", SyntheticReports.of("gloo-mesh-enterprise", PLAN.subList(0, 2), (i, c) -> Status.OK));
        String json = SyntheticReports.json(ReportMerge.perNode(byNode));
        Report back = JsonReportReader.find(json, "test").orElseThrow();
        assertThat(back.results()).extracting(CheckResult::node)
                .containsExactly("worker-a", "worker-a", "worker-b", "worker-b");
        List<String> plain = new ArrayList<>();
        SyntheticReports.json(byNode.get("worker-a")).lines().filter(l -> l.contains("\"node\"")).forEach(plain::add);
        assertThat(plain).as("a report that is not per node has node null on every result")
                .hasSize(2).allMatch(l -> l.strip().equals("\"node\": null,"));
    }
}
