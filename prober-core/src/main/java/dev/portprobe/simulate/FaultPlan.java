package dev.portprobe.simulate;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses the faulted checks, deterministically from the order of the checks, among required checks only (so
 * that each fault fails the run):
 * <ul>
 *   <li>wrong protocol: the first plaintext gRPC check, else the first check that is neither TCP nor HTTP, else
 *       the first HTTP check (a TCP check cannot be given a wrong protocol: any listener passes it);</li>
 *   <li>silent: the first remaining check that is not TCP (a TCP check passes on a silent port), preferring a
 *       protocol not yet faulted;</li>
 *   <li>closed: the first remaining check, preferring a protocol not yet faulted.</li>
 * </ul>
 * A profile with too few eligible checks gets fewer faults.
 */
final class FaultPlan {
    private FaultPlan() {
    }

    static Map<Check, Fault.Kind> choose(List<Check> checks) {
        List<Check> candidates = new ArrayList<>(checks.stream().filter(Check::required).toList());
        Map<Check, Fault.Kind> chosen = new LinkedHashMap<>();
        first(candidates, c -> c.expected() == Protocol.GRPC)
                .or(() -> first(candidates, c -> c.expected() != Protocol.TCP && !isHttp(c)))
                .or(() -> first(candidates, FaultPlan::isHttp))
                .ifPresent(c -> take(c, Fault.Kind.WRONG_PROTOCOL, candidates, chosen));
        Predicate<Check> notTcp = c -> c.expected() != Protocol.TCP;
        first(candidates, notTcp.and(c -> fresh(c, chosen)))
                .or(() -> first(candidates, notTcp))
                .ifPresent(c -> take(c, Fault.Kind.SILENT, candidates, chosen));
        first(candidates, c -> fresh(c, chosen))
                .or(() -> first(candidates, c -> true))
                .ifPresent(c -> take(c, Fault.Kind.CLOSED, candidates, chosen));
        return chosen;
    }

    static boolean isHttp(Check c) {
        return c.expected() == Protocol.HTTP || c.expected() == Protocol.HTTPS;
    }

    private static boolean fresh(Check c, Map<Check, Fault.Kind> chosen) {
        return chosen.keySet().stream().noneMatch(f -> f.expected() == c.expected());
    }

    private static Optional<Check> first(List<Check> candidates, Predicate<Check> p) {
        return candidates.stream().filter(p).findFirst();
    }

    private static void take(Check c, Fault.Kind kind, List<Check> candidates, Map<Check, Fault.Kind> chosen) {
        candidates.remove(c);
        chosen.put(c, kind);
    }
}
