package dev.portprobe.resolve;

import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.report.Drift;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where to dial one check, and where that address came from.
 *
 * @param host     what to dial
 * @param port     the port to dial (a port-forward's local port)
 * @param endpoint what the report shows as dialed: HOST:PORT, a Service DNS name, 127.0.0.1:LOCAL
 * @param pod      the pod behind the address, when known
 * @param drift    where the live cluster differs from the table for this check
 * @param adjust   corrects an outcome with what only the resolver knows (a refusal seen on a port-forward's
 *                 error channel turns an empty reply into REFUSED); identity for most resolvers
 * @param pathFailure why the way to the address has already failed (a port-forward's kubelet refused the pod's port),
 *                 or null while it has not; see {@code ProbeRequest.pathFailure}
 */
public record Target(String host, int port, String endpoint, String pod, List<Drift> drift,
                     UnaryOperator<ProbeOutcome> adjust, Supplier<String> pathFailure) {

    public Target {
        drift = drift == null ? List.of() : List.copyOf(drift);
        adjust = adjust == null ? UnaryOperator.identity() : adjust;
        pathFailure = pathFailure == null ? () -> null : pathFailure;
    }

    /** A target whose path only the probe itself can see fail. */
    public Target(String host, int port, String endpoint, String pod, List<Drift> drift,
                  UnaryOperator<ProbeOutcome> adjust) {
        this(host, port, endpoint, pod, drift, adjust, null);
    }

    public static Target direct(String host, int port) {
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return new Target(host, port, hostPart + ":" + port, null, List.of(), null);
    }
}
