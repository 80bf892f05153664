package dev.portprobe.probe;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.time.Duration;

/**
 * One probe to run: where to dial, what must answer, and how long it may take in all.
 *
 * @param host    host name or address to dial
 * @param port    port to dial (for a port-forward, the local port)
 * @param spec    expected protocol and its options (path, health service name, server name)
 * @param timeout the deadline for the whole check, identification included
 */
public record ProbeRequest(String host, int port, PortSpec spec, Duration timeout) {

    public Protocol expected() {
        return spec.protocol();
    }

    /** HOST:PORT, with IPv6 literals in brackets. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
