package dev.portprobe.report;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.Shard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several pods' reports made one: the shards of an Indexed Job ({@link #shards}), or one report per node
 * ({@link #perNode}), whose results then carry their {@code node} and, for a port that fails on some nodes and passes on
 * others, a hint naming those nodes.
 */
public final class ReportMerge {
    private ReportMerge() {
    }

    /**
     * The shards' reports, {@code parts.get(k)} from shard k, as one report in plan order (see {@link Shard}): notes
     * once each, the earliest start, the longest shard's duration (they ran side by side), the first API error.
     */
    public static Report shards(List<Report> parts) {
        List<List<CheckResult>> results = parts.stream().map(Report::results).toList();
        return merged(parts, Shard.interleave(results));
    }

    /**
     * One report per node, in the given order, as one report: every result carries its node; a check that fails on
     * some nodes and is OK on at least one other gets the hint of {@link #nodeHint}.
     */
    public static Report perNode(Map<String, Report> byNode) {
        List<CheckResult> all = new ArrayList<>();
        for (Map.Entry<String, Report> e : byNode.entrySet()) {
            for (CheckResult r : e.getValue().results()) {
                all.add(r.withNode(e.getKey()));
            }
        }
        return merged(List.copyOf(byNode.values()), hinted(all));
    }

    private static Report merged(List<Report> parts, List<CheckResult> results) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Report first = parts.get(0);
        Instant started = parts.stream().map(Report::startedAt).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        long duration = parts.stream().mapToLong(Report::durationMs).max().orElse(0);
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        parts.forEach(p -> notes.addAll(p.notes()));
        String apiError = parts.stream().map(Report::apiError).filter(Objects::nonNull).findFirst().orElse(null);
        return new Report(first.profile(), first.mode(), first.namespace(), started, duration, results,
                List.copyOf(notes), apiError);
    }

    /** Identifies a check across nodes: the same row of the plan, in the same namespace. */
    record Key(String namespace, String name, String kind, int port) {
        static Key of(Check c) {
            return new Key(c.namespace(), c.name(), c.kind().id(), c.port());
        }
    }

    /** Per check, the nodes where it failed and those where every result passed: one pass, then one more for hints. */
    private static List<CheckResult> hinted(List<CheckResult> all) {
        // per check and node: 0 every result OK, 1 some SKIPPED (neither passes nor fails), 2 some result failed
        Map<Key, Map<String, Integer>> byNode = new LinkedHashMap<>();
        for (CheckResult r : all) {
            int state = r.status().ok() ? 0 : r.status().failed() ? 2 : 1;
            byNode.computeIfAbsent(Key.of(r.check()), x -> new LinkedHashMap<>()).merge(r.node(), state, Math::max);
        }
        Map<Key, String> hints = new LinkedHashMap<>();
        for (Map.Entry<Key, Map<String, Integer>> e : byNode.entrySet()) {
            List<String> failing = new ArrayList<>();
            List<String> passing = new ArrayList<>();
            e.getValue().forEach((node, state) -> {
                if (state == 0) {
                    passing.add(node);
                } else if (state == 2) {
                    failing.add(node);
                }
            });
            if (!passing.isEmpty() && !failing.isEmpty()) {
                hints.put(e.getKey(), nodeHint(failing, passing));
            }
        }
        if (hints.isEmpty()) {
            return all;
        }
        List<CheckResult> out = new ArrayList<>(all.size());
        for (CheckResult r : all) {
            String hint = r.status().failed() ? hints.get(Key.of(r.check())) : null;
            out.add(hint == null ? r : r.withHint(hint));
        }
        return out;
    }

    /**
     * "fails from nodes a, b but passes from c: the path differs by node: check the CNI on a, b (its agent pod and
     * routes), a NetworkPolicy or a node firewall (iptables/nftables, the cloud's security group) there".
     */
    static String nodeHint(List<String> failing, List<String> passing) {
        String on = String.join(", ", failing);
        return "fails from node" + (failing.size() == 1 ? " " : "s ") + on + " but passes from "
                + String.join(", ", passing.size() > 3 ? passing.subList(0, 3) : passing)
                + (passing.size() > 3 ? " and " + (passing.size() - 3) + " more" : "")
                + ": the path differs by node; check the CNI on " + on + " (its agent pod and routes), a"
                + " NetworkPolicy that treats those nodes apart, or the node firewall (iptables/nftables, the cloud's"
                + " security group)";
    }
}
