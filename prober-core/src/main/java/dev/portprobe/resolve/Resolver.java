package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import java.util.List;

/** Turns the checks of a plan into addresses to dial. Only this package talks to the Kubernetes API. */
public interface Resolver extends AutoCloseable {

    /** "direct", "port-forward", "in-cluster", or "simulated" (the demo). */
    String mode();

    /**
     * The namespace probed, or null when there is none (direct mode without a profile namespace) or when several are
     * ({@link #namespaces()}).
     */
    String namespace();

    /**
     * Every namespace probed, in order: the plan runs once in each, and each check is resolved in its own
     * ({@link Check#namespace()}). Empty when there is none.
     */
    default List<String> namespaces() {
        return namespace() == null ? List.of() : List.of(namespace());
    }

    /**
     * Resolves every check, in order. Cluster findings (a missing Service, no ready endpoints...) are
     * {@link Resolution.Finding}s; only a cluster that cannot be reached or read throws.
     */
    List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException;

    /** Things the report should say about the resolution as a whole (a fallback to DNS only, say). */
    default List<String> notes() {
        return List.of();
    }

    /**
     * One line saying how the cluster's API failed while probes went through it (a port-forward's upgrade or stream
     * broken by the API server), or null when it did not. A run with one exits 3, after reporting what it has.
     */
    default String apiFailure() {
        return null;
    }

    /** Closes every port-forward and client this resolver opened. */
    @Override
    void close();
}
