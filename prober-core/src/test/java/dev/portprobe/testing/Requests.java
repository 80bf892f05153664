package dev.portprobe.testing;

import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.TlsOptions;
import java.time.Duration;

/** Probe requests for loopback tests. */
public final class Requests {
    public static final Duration TIMEOUT = Duration.ofSeconds(3);

    private Requests() {
    }

    public static ProbeRequest to(int port, Protocol protocol) {
        return to(port, protocol, TIMEOUT);
    }

    public static ProbeRequest to(int port, Protocol protocol, Duration timeout) {
        return new ProbeRequest("127.0.0.1", port, PortSpec.of(port, protocol), timeout);
    }

    public static ProbeRequest http(int port, Protocol protocol, String path, String expectStatus) {
        PortSpec spec = new PortSpec(port, null, null, protocol, "", new HttpOptions(path, expectStatus), null, null, null, false, 0);
        return new ProbeRequest("127.0.0.1", port, spec, TIMEOUT);
    }

    /** A request whose TLS server name (SNI and verification) is {@code serverName}. */
    public static ProbeRequest named(int port, Protocol protocol, String serverName) {
        PortSpec spec = new PortSpec(port, null, null, protocol, "", null, null, new TlsOptions(serverName), null, false, 0);
        return new ProbeRequest("127.0.0.1", port, spec, TIMEOUT);
    }
}
