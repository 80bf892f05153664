package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import java.util.List;

/** Turns the checks of a plan into addresses to dial. Only this package talks to the Kubernetes API. */
public interface Resolver extends AutoCloseable {

    /** "direct", "port-forward", "in-cluster", or "simulated" (the demo). */
    String mode();

    /** The namespace probed, or null when there is none (direct mode without a profile namespace). */
    String namespace();

    /**
     * Resolves every check, in order. Cluster findings (a missing Service, no ready endpoints...) are
     * {@link Resolution.Finding}s; only a cluster that cannot be reached or read throws.
     */
    List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException;

    /** Things the report should say about the resolution as a whole (a fallback to DNS only, say). */
    default List<String> notes() {
        return List.of();
    }

    /** Closes every port-forward and client this resolver opened. */
    @Override
    void close();
}
