package dev.portprobe.job;

import java.util.List;

/**
 * How many probe pods a run has and where they go: one Job with one pod (the default), one Job per node
 * ({@code --per-node}: each pod pinned to its node, optionally on the node's network), or one Indexed Job of
 * {@code shards} pods, each probing its share of the checks ({@code --shards N}).
 *
 * @param nodes           the nodes of a per-node run, in order (the Job of {@code nodes.get(i)} is {@code NAME-n<i>}); empty
 *                        otherwise
 * @param hostNetwork     per-node pods use the node's network namespace ({@code hostNetwork: true})
 * @param shards          the number of shards of an Indexed Job; 0 for no Indexed Job
 * @param perIndexBackoff set {@code backoffLimitPerIndex: 1} (Kubernetes 1.29+), so that a failed shard is retried alone;
 *                        else {@code backoffLimit: 0} as for any other run
 */
public record Fanout(List<String> nodes, boolean hostNetwork, int shards, boolean perIndexBackoff) {
    /** One Job, one pod. */
    public static final Fanout SINGLE = new Fanout(List.of(), false, 0, false);
    /** The most nodes of one per-node run: the Jobs' names end in {@code -n<index>}. */
    public static final int MAX_NODES = 999;

    public Fanout {
        nodes = List.copyOf(nodes);
        if (!nodes.isEmpty() && shards > 0) {
            throw new IllegalArgumentException("--per-node and --shards cannot be combined: a per-node run has one pod"
                    + " per node already");
        }
        if (hostNetwork && nodes.isEmpty()) {
            throw new IllegalArgumentException("--host-network needs --per-node");
        }
        if (shards < 0 || shards > dev.portprobe.plan.Shard.MAX) {
            throw new IllegalArgumentException("--shards must be from 1 to " + dev.portprobe.plan.Shard.MAX);
        }
        if (nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException("a per-node run takes at most " + MAX_NODES + " nodes, not "
                    + nodes.size() + "; narrow it with --node-selector");
        }
    }

    public static Fanout perNode(List<String> nodes, boolean hostNetwork) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node to run on");
        }
        return new Fanout(nodes, hostNetwork, 0, false);
    }

    public static Fanout sharded(int shards, boolean perIndexBackoff) {
        if (shards < 1) {
            throw new IllegalArgumentException("--shards must be from 1 to " + dev.portprobe.plan.Shard.MAX);
        }
        return new Fanout(List.of(), false, shards, perIndexBackoff);
    }

    public boolean perNode() {
        return !nodes.isEmpty();
    }

    public boolean sharded() {
        return shards > 0;
    }

    public boolean single() {
        return !perNode() && !sharded();
    }

    /** The Job of node {@code i}: {@code NAME-n<i>}. */
    static String nodeJobName(String name, int i) {
        return name + "-n" + i;
    }
}
