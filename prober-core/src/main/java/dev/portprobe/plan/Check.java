package dev.portprobe.plan;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;

/**
 * One line of the plan: a port to probe and the protocol it must answer with.
 *
 * @param name       the Service name (kind SERVICE) or the workload name (kind WORKLOAD)
 * @param workload   the workload behind it, or null when the table names none
 * @param port       the Service port, or the container port of a workload-only check
 * @param targetPort the container port the traffic ends at
 * @param spec       the table row, with the probe options
 * @param required   false when a failure must not fail the run: only a port marked {@code optional} (a row the table
 *                   marks unused); an optional Service, once installed, counts like any other
 * @param optionalService true when a missing Service is SKIPPED rather than UNRESOLVED
 * @param namespace  the namespace the check runs in; null in a plan, set when a run places it ({@link #inNamespace})
 * @param cluster    the kube context of the cluster the check runs in (a fleet run); null in a single-cluster run
 */
public record Check(
        String name,
        CheckKind kind,
        String workload,
        int port,
        int targetPort,
        PortSpec spec,
        boolean required,
        boolean optionalService,
        String namespace,
        String cluster) {

    /** A check placed in a namespace of the one cluster of a run. */
    public Check(String name, CheckKind kind, String workload, int port, int targetPort, PortSpec spec,
                 boolean required, boolean optionalService, String namespace) {
        this(name, kind, workload, port, targetPort, spec, required, optionalService, namespace, null);
    }

    /** A check of the plan, in no namespace yet. */
    public Check(String name, CheckKind kind, String workload, int port, int targetPort, PortSpec spec,
                 boolean required, boolean optionalService) {
        this(name, kind, workload, port, targetPort, spec, required, optionalService, null, null);
    }

    /** The same check in {@code ns}: a run over several namespaces has one check per namespace and port. */
    public Check inNamespace(String ns) {
        return new Check(name, kind, workload, port, targetPort, spec, required, optionalService, ns, cluster);
    }

    /** The same check in the cluster of kube context {@code context}: a fleet run has one check per cluster and port. */
    public Check inCluster(String context) {
        return new Check(name, kind, workload, port, targetPort, spec, required, optionalService, namespace, context);
    }

    public Protocol expected() {
        return spec.protocol();
    }

    public String usage() {
        return spec.usage();
    }

    public Reach reach() {
        return spec.reach();
    }

    /** "name:port", the form used by --only and --skip. */
    public String id() {
        return name + ":" + port;
    }

    /** A standalone check, as run by {@code portprobe check HOST:PORT}. */
    public static Check adHoc(String name, PortSpec spec) {
        return new Check(name, CheckKind.SERVICE, null, spec.port(), spec.effectiveTargetPort(), spec, true, false);
    }
}
