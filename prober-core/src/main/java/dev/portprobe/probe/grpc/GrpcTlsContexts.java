package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.EngineService;
import dev.portprobe.probe.ProbeScope;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.function.Supplier;

/**
 * The SSL contexts of the gRPC probe, built once per engine (through {@link ProbeScope#shared}) from the
 * engine's {@link ClientTls}: trust-all unless a CA is given, with the client certificate for grpc-mtls.
 * A bad --ca/--cert/--key becomes an error outcome, once per check, never an exception.
 */
final class GrpcTlsContexts {
    /** A context, or why it could not be built (never quoting key material). */
    record Built(SslContext context, String error) {
    }

    private final ClientTls tls;
    private final Lazy serverOnly;
    private final Lazy withClientCert;
    private final Lazy sniff;

    GrpcTlsContexts(ClientTls tls) {
        this.tls = tls;
        this.serverOnly = new Lazy(() -> grpcContext(false));
        this.withClientCert = new Lazy(() -> grpcContext(true));
        this.sniff = new Lazy(GrpcTlsContexts::sniffContext);
    }

    /** The engine's gRPC TLS contexts, built from its client TLS settings at first use. */
    static final EngineService<GrpcTlsContexts> SERVICE =
            EngineService.of("gRPC TLS contexts", services -> new GrpcTlsContexts(services.clientTls()));

    static GrpcTlsContexts of(ProbeScope scope) {
        return scope.service(SERVICE);
    }

    /** For gRPC over TLS (ALPN h2); presents the client certificate when {@code clientCert}. */
    Built grpc(boolean clientCert) {
        return clientCert ? withClientCert.get() : serverOnly.get();
    }

    /** Trust-all, no ALPN, no client certificate: only to see whether a port speaks TLS. */
    Built sniff() {
        return sniff.get();
    }

    private Built grpcContext(boolean clientCert) {
        String what = tls.verifies() ? "--ca " + tls.ca() : "trust-all";
        dev.portprobe.DefaultTrust.prepareNetty();
        try {
            SslContextBuilder b = GrpcSslContexts.forClient();
            if (tls.verifies()) {
                b.trustManager(tls.ca().toFile());
            } else {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            if (clientCert) {
                what = "--cert " + tls.cert() + " / --key";
                b.keyManager(tls.cert().toFile(), tls.key().toFile());
            }
            return new Built(b.build(), null);
        } catch (Exception | LinkageError e) {
            return new Built(null, "cannot build the TLS context from " + what + ": " + e.getMessage());
        }
    }

    private static Built sniffContext() {
        dev.portprobe.DefaultTrust.prepareNetty();
        try {
            return new Built(SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build(), null);
        } catch (Exception e) {
            return new Built(null, "cannot build a TLS context: " + e.getClass().getSimpleName());
        }
    }

    /** Built on first use, then kept. */
    private static final class Lazy {
        private final Supplier<Built> factory;
        private Built value;

        Lazy(Supplier<Built> factory) {
            this.factory = factory;
        }

        synchronized Built get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }
    }
}
