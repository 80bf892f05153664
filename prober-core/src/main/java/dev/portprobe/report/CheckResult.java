package dev.portprobe.report;

import dev.portprobe.outcome.Phases;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;

import dev.portprobe.plan.Check;
import java.util.List;

/**
 * The result of one check, as reported. Field names follow DESIGN's JSON schema.
 *
 * @param observed what answered (a protocol id, "unknown", "silent"), or null when nothing answered
 * @param endpoint what was dialed: HOST:PORT, a Service DNS name, or 127.0.0.1:LOCAL for a port-forward
 * @param pod      the pod behind a port-forward or an endpoint, else null
 * @param latencyMs time to the verdict, or null when nothing was dialed
 * @param hint     one actionable line for every result that is not OK, else null
 * @param drift    where the live cluster differs from the table; empty when it does not
 * @param tls      the TLS handshake's facts, when one completed
 * @param phases   how long each network phase took (DNS, connect, TLS, first byte); {@link Phases#NONE} when nothing
 *                 was dialed
 * @param node     the node whose probe pod gave this result ({@code job run --per-node}), else null
 */
public record CheckResult(
        Check check,
        Status status,
        String observed,
        String endpoint,
        String pod,
        Double latencyMs,
        String detail,
        String hint,
        List<Drift> drift,
        TlsInfo tls,
        Phases phases,
        String node) {

    public CheckResult {
        drift = drift == null ? List.of() : List.copyOf(drift);
        phases = phases == null ? Phases.NONE : phases;
    }

    /** A result without phase timings, of a run that is not per node. */
    public CheckResult(Check check, Status status, String observed, String endpoint, String pod, Double latencyMs,
                       String detail, String hint, List<Drift> drift, TlsInfo tls) {
        this(check, status, observed, endpoint, pod, latencyMs, detail, hint, drift, tls, Phases.NONE, null);
    }

    /** A result with phase timings, of a run that is not per node. */
    public CheckResult(Check check, Status status, String observed, String endpoint, String pod, Double latencyMs,
                       String detail, String hint, List<Drift> drift, TlsInfo tls, Phases phases) {
        this(check, status, observed, endpoint, pod, latencyMs, detail, hint, drift, tls, phases, null);
    }

    /** This result with the given phase timings. */
    public CheckResult withPhases(Phases p) {
        return new CheckResult(check, status, observed, endpoint, pod, latencyMs, detail, hint, drift, tls, p, node);
    }

    /** This result, as given by the probe pod on {@code n}. */
    public CheckResult withNode(String n) {
        return new CheckResult(check, status, observed, endpoint, pod, latencyMs, detail, hint, drift, tls, phases, n);
    }

    /** This result with another hint. */
    public CheckResult withHint(String h) {
        return new CheckResult(check, status, observed, endpoint, pod, latencyMs, detail, h, drift, tls, phases, node);
    }

    /** A failure of a required check fails the run. */
    public boolean failsRun() {
        return check.required() && status.failed();
    }

    /** A result that never reached a probe (UNRESOLVED, SKIPPED...). */
    public static CheckResult unprobed(Check check, Status status, String detail, String hint) {
        return new CheckResult(check, status, null, null, null, null, detail, hint, List.of(), null);
    }
}
