package dev.portprobe.probe.identify;

import dev.portprobe.probe.EngineService;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProbeTls;

import dev.portprobe.InputException;
import dev.portprobe.probe.net.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;

/**
 * The identifier's TLS context (trusts every certificate, offers h2 and http/1.1), once per engine. A cold JVM takes
 * a few hundred milliseconds to build the first one, so it is built on a short-lived thread of its own, started once
 * per engine and ended when the context is built: the plaintext steps go on the wire meanwhile, and an answer they
 * settle does not wait for it.
 */
final class IdentifyTls {
    /** Once per engine, on the engine's TLS contexts (whose files {@link #of} checked first). */
    private static final EngineService<IdentifyTls> SERVICE =
            EngineService.of("identify TLS context", services -> new IdentifyTls(services.tlsContexts()));

    private final CompletableFuture<SslContext> context = new CompletableFuture<>();

    private IdentifyTls(TlsContexts contexts) {
        SslContext ready;
        try {
            ready = contexts.unverifiedIfBuilt(TlsContexts.ALPN_H2_AND_HTTP1);
        } catch (InputException e) {
            context.completeExceptionally(e);
            return;
        }
        if (ready != null) {
            context.complete(ready);
            return;
        }
        Thread build = new Thread(() -> {
            try {
                context.complete(contexts.unverified(TlsContexts.ALPN_H2_AND_HTTP1));
            } catch (InputException | RuntimeException e) {
                context.completeExceptionally(e);
            }
        }, "portprobe-tls-init");
        build.setDaemon(true);
        build.start();
    }

    /** The context, built or being built; fails with the InputException of unusable --ca/--cert/--key files. */
    static CompletableFuture<SslContext> of(ProbeScope scope) {
        try {
            ProbeTls.contexts(scope); // first: an unusable --ca/--cert/--key fails here, not in the service
        } catch (InputException e) {
            return CompletableFuture.failedFuture(e);
        }
        return scope.service(SERVICE).context;
    }
}
