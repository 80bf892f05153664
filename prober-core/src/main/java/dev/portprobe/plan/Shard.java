package dev.portprobe.plan;

import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --shard INDEX/COUNT}: one pod's share of the planned checks in an Indexed Job ({@code job run --shards N}).
 * The partition is by position in plan order: check {@code i} belongs to shard {@code i % COUNT}. The plan comes from
 * the profile alone, so every pod, and every retry of a pod, computes the same share; round-robin spreads one Service's
 * ports over the shards. {@link #interleave} puts the shards' results back in plan order.
 *
 * @param index the shard, from 0 ({@code JOB_COMPLETION_INDEX})
 * @param count how many shards, from 1
 */
public record Shard(int index, int count) {
    /** The most shards a run may have: an Indexed Job of more pods than a profile has checks is waste. */
    public static final int MAX = 100;

    public Shard {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("the number of shards must be from 1 to " + MAX + ", not " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is not from 0 to " + (count - 1));
        }
    }

    /** "2/3"; an error names the option and the expected form. */
    public static Shard parse(String text) throws InputException {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9]{1,3}/[0-9]{1,3}")) {
            throw new InputException("--shard", 0, "bad value '" + t + "'; expected INDEX/COUNT, e.g. 0/3");
        }
        int slash = t.indexOf('/');
        try {
            return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
        } catch (IllegalArgumentException e) {
            throw new InputException("--shard", 0, e.getMessage());
        }
    }

    /** This shard's checks, in plan order. */
    public <T> List<T> apply(List<T> planned) {
        List<T> mine = new ArrayList<>();
        for (int i = index; i < planned.size(); i += count) {
            mine.add(planned.get(i));
        }
        return mine;
    }

    /**
     * The inverse of {@link #apply}: {@code parts.get(k)} is shard k's results in its order; the result is plan order.
     * Shards of uneven length (a pod that probed with other flags) lose nothing: a short shard's turn is skipped.
     */
    public static <T> List<T> interleave(List<List<T>> parts) {
        List<T> out = new ArrayList<>();
        int longest = parts.stream().mapToInt(List::size).max().orElse(0);
        for (int round = 0; round < longest; round++) {
            for (List<T> part : parts) {
                if (round < part.size()) {
                    out.add(part.get(round));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
