package dev.portprobe.probe;

import dev.portprobe.InputException;
import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.profile.Protocol;
import java.util.Collection;

/**
 * Builds the engine's TLS contexts before any check starts, on the caller's thread: one-time set-up (loading the
 * JSSE provider, PEM files, cipher tables) then neither counts against the first checks' deadlines nor blocks
 * the event loops that other checks are running on.
 */
final class TlsWarmUp {
    private TlsWarmUp() {
    }

    static void prepare(ProbeEngine engine, Collection<Protocol> protocols) {
        if (protocols.stream().noneMatch(Protocol::overTls)) {
            return;
        }
        TlsContexts contexts = engine.services().tlsContexts();
        try {
            contexts.requireUsable();
            contexts.client(TlsContexts.ALPN_H2_AND_HTTP1);
            contexts.unverified(TlsContexts.ALPN_H2_AND_HTTP1);
        } catch (InputException e) {
            return; // each check reports the unusable file itself
        }
    }
}
