package dev.portprobe.resolve;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens one watching connection through each forward, all at once, and waits for each to settle: the kubelet
 * reported an error (a refusal inside the pod), the pod sent bytes or hung up, or the websocket has been open for
 * {@code grace} with no error (for the forwards of TCP checks; the others only need the upgrade answered). Nothing
 * waits longer than {@code limit}.
 *
 * <p>This is needed because a forward's local socket always accepts: a TCP check passes the moment it connects,
 * before the websocket to the pod even exists, so its outcome alone can never show a refused port. The kubelet
 * dials the pod's port right after the websocket opens and writes any failure on the error channel, so a
 * refusal arrives within about a round trip of the open; silence for {@code grace} after it means the port
 * accepted. The wait runs on the resolving thread, never on the probes' event loop.
 */
final class Preflight {
    private static final long POLL_MILLIS = 10;

    private Preflight() {
    }

    /**
     * The error each forward reported for its watching connection; forwards without one are absent. Only the
     * watches of {@code graced} wait {@code grace} after they open; the others settle as soon as the upgrade is
     * answered (their probes see a refusal on their own connections).
     */
    static Map<Forward, ForwardError> run(Collection<Forward> forwards, Set<Forward> graced, Duration grace,
                                          Duration limit) {
        Map<Forward, ForwardConnection> watches = new LinkedHashMap<>();
        Map<Forward, ForwardError> failed = new HashMap<>();
        try {
            for (Forward f : forwards) {
                try {
                    watches.put(f, f.watch());
                } catch (RuntimeException e) {
                    failed.put(f, new ForwardError(ForwardError.Kind.UPGRADE, "the port-forward could not be started ("
                            + ForwardError.describe(e) + ")"));
                }
            }
            Map<ForwardConnection, Duration> graces = new HashMap<>();
            watches.forEach((f, c) -> graces.put(c, graced.contains(f) ? grace : Duration.ZERO));
            await(graces, System.nanoTime() + limit.toNanos());
            Map<Forward, ForwardError> out = new HashMap<>(failed);
            watches.forEach((f, c) -> {
                ForwardError e = c.error();
                if (e == null && !c.opened() && c.alive()) {
                    e = ForwardError.unanswered(c.ageMillis()); // the API server never answered the upgrade
                }
                if (e != null) {
                    out.put(f, e);
                }
            });
            return out;
        } finally {
            watches.values().forEach(ForwardConnection::close);
        }
    }

    private static void await(Map<ForwardConnection, Duration> watches, long deadline) {
        Map<ForwardConnection, Long> openedAt = new HashMap<>();
        while (System.nanoTime() < deadline) {
            boolean pending = false;
            long now = System.nanoTime();
            for (Map.Entry<ForwardConnection, Duration> w : watches.entrySet()) {
                if (settled(w.getKey(), openedAt, now, w.getValue())) {
                    continue;
                }
                pending = true;
            }
            if (!pending) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean settled(ForwardConnection c, Map<ForwardConnection, Long> openedAt, long now, Duration grace) {
        if (!c.serverErrors().isEmpty() || c.answered() || !c.alive()) {
            return true;
        }
        if (!c.opened()) {
            return false;
        }
        long since = openedAt.computeIfAbsent(c, k -> now);
        return now - since >= grace.toNanos();
    }
}
