package dev.portprobe.probe.grpc;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.InputException;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.Probe;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.probe.net.TlsContexts;
import dev.portprobe.probe.tls.MtlsProbe;
import dev.portprobe.profile.Protocol;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;

/** The grpc folder: gRPC health over plaintext HTTP/2, TLS and mTLS. */
public final class GrpcSupport implements ProtocolSupport {
    // grpc-mtls without --cert/--key can only prove that the server demands a client certificate: that is the mTLS
    // probe's job, so GrpcProbe hands it over. The probe keeps no state: one serves every check.
    private static final GrpcProbe GRPC = new GrpcProbe(new MtlsProbe());

    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.GRPC, GRPC, Protocol.GRPC_TLS, GRPC, Protocol.GRPC_MTLS, GRPC);
    }

    /** Cleartext HTTP/2 that answers a gRPC health Check is gRPC ({@link IdentifyGrpc}). */
    @Override
    public CompletableFuture<Identification> refineIdentification(ProbeScope scope, Identification found) {
        return IdentifyGrpc.refine(scope, GRPC, found);
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(Protocol.GRPC, site -> GrpcDemoServer.serve(site, Protocol.GRPC),
                Protocol.GRPC_TLS, site -> GrpcDemoServer.serve(site, Protocol.GRPC_TLS),
                Protocol.GRPC_MTLS, site -> GrpcDemoServer.serve(site, Protocol.GRPC_MTLS));
    }

    @Override
    public String answeredInstead(ProbeRequest request, Observed observed) {
        return observed != Observed.GRPC ? null : "gRPC answers on this port: expect grpc";
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        Set<String> carriers = Set.of("grpc", "http2", "kubernetes.io/h2c", "https", "tls");
        return Map.of(Protocol.GRPC, carriers, Protocol.GRPC_TLS, carriers, Protocol.GRPC_MTLS, carriers);
    }

    /** Builds the gRPC TLS contexts up front, once the engine's TLS contexts proved usable. */
    @Override
    public void prepare(ProbeEngine engine, Collection<Protocol> protocols) {
        if (protocols.stream().noneMatch(Protocol::overTls) || protocols.stream().noneMatch(Protocol::isGrpc)) {
            return;
        }
        TlsContexts contexts = engine.services().tlsContextsIfBuilt();
        try {
            if (contexts == null) {
                return;
            }
            contexts.requireUsable();
        } catch (InputException e) {
            return; // each check reports the unusable file itself
        }
        ClientTls tls = engine.clientTls();
        GrpcTlsContexts grpc = engine.services().get(GrpcTlsContexts.SERVICE);
        grpc.grpc(false);
        grpc.sniff();
        if (tls.hasClientCertificate()) {
            grpc.grpc(true);
        }
    }

    @Override
    public void forgetConnections(ProbeEngine engine) {
        GrpcConnections connections = engine.services().getIfBuilt(GrpcConnections.SERVICE);
        if (connections != null) {
            connections.retireAll();
        }
    }

    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.GRPC, Set.of("grpc"));
    }
}
