package dev.portprobe.probe;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One probe to run: where to dial, what must answer, and how long it may take in all.
 *
 * @param host    host name or address to dial
 * @param port    port to dial (for a port-forward, the local port)
 * @param spec    expected protocol and its options (path, health service name, server name)
 * @param timeout the deadline for the whole check, identification included
 * @param pathFailure why the way to the port has already failed, or null while it has not: a port-forward whose
 *                kubelet refused the pod's port answers every new connection the same way, so a follow-up
 *                identification does not dial through it again (the resolver's {@code adjust} reports the refusal)
 */
public record ProbeRequest(String host, int port, PortSpec spec, Duration timeout, Supplier<String> pathFailure) {

    private static final Supplier<String> NEVER = () -> null;

    public ProbeRequest {
        pathFailure = pathFailure == null ? NEVER : pathFailure;
    }

    /** A request on a direct path, which no one but the probe itself can see fail. */
    public ProbeRequest(String host, int port, PortSpec spec, Duration timeout) {
        this(host, port, spec, timeout, NEVER);
    }

    public Protocol expected() {
        return spec.protocol();
    }

    /** HOST:PORT, with IPv6 literals in brackets. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
