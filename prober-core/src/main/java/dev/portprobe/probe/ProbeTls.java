package dev.portprobe.probe;

import dev.portprobe.InputException;
import dev.portprobe.probe.net.TlsContexts;

/** The engine's TLS contexts, seen from a probe. */
public final class ProbeTls {
    private ProbeTls() {
    }

    /**
     * The engine's {@link TlsContexts}, built once from {@code --ca/--cert/--key}.
     *
     * @throws InputException when one of those files cannot be used (the file is named, no key material shown)
     */
    public static TlsContexts contexts(ProbeScope scope) throws InputException {
        TlsContexts contexts = scope.services().tlsContexts();
        contexts.requireUsable();
        return contexts;
    }

    /** Validates {@code --ca/--cert/--key} up front (for the CLI, before any check runs). */
    public static void validate(ClientTls tls) throws InputException {
        TlsContexts.load(tls.ca(), tls.cert(), tls.key());
    }

    /** The SNI and verification name: the profile's {@code tls.serverName}, else the dialed host. */
    public static String serverName(ProbeRequest request) {
        String name = request.spec().tls().serverName();
        return name == null || name.isBlank() ? request.host() : name.strip();
    }
}
