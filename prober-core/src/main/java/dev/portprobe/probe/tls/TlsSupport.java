package dev.portprobe.probe.tls;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.DemoSite;
import dev.portprobe.loopback.Discard;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.profile.Protocol;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tls folder: a TLS handshake, and mtls (a server that demands a client certificate). */
public final class TlsSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.TLS, new TlsProbe(), Protocol.MTLS, new MtlsProbe());
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(Protocol.TLS, site -> serve(site, false), Protocol.MTLS, site -> serve(site, true));
    }

    /** A TLS server that reads and drops what comes after the handshake. */
    private static DemoServer.Served serve(DemoSite site, boolean mutual) throws java.io.IOException {
        SslContext tls = site.tls(mutual);
        int port = site.bind(ch -> new ChannelHandler[] {tls.newHandler(ch.alloc()), Discard.INSTANCE});
        return new DemoServer.Served(port, mutual ? "TLS, client certificate required" : "TLS");
    }

    @Override
    public List<ReplyReading> replyReadings() {
        return List.of(new TlsReading());
    }

    @Override
    public String answeredInstead(ProbeRequest request, Observed observed) {
        Protocol expected = request.expected();
        if (observed == Observed.TLS) {
            return expected.mutualTls() ? Hints.mtlsNotEnforced(request)
                    : expected.overTls() ? "TLS answers, but not " + expected.id() + " inside it: check the table's protocol for this port"
                    : "the port expects TLS: use " + tlsVariant(expected) + ", or check whether mTLS is enforced";
        }
        if (observed == Observed.MTLS) {
            return expected.isGrpc()
                    ? "the port demands a client certificate (mTLS): use the profile's -mtls variant (grpc-mtls), "
                    + "or pass --cert/--key and --ca"
                    : "the port demands a client certificate (mTLS): expect mtls, or pass --cert/--key and --ca";
        }
        return null;
    }

    @Override
    public String answerTooSlow(ProbeRequest request, Observed observed) {
        return observed != Observed.TLS ? null : "the TLS handshake started but did not finish in time: an overloaded "
                + "server or a middlebox; retry with a longer --timeout";
    }

    private static String tlsVariant(Protocol expected) {
        return switch (expected) {
            case HTTP -> "https";
            case GRPC -> "grpc-tls";
            default -> "tls (or https/grpc-tls)";
        };
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        Set<String> carriers = Set.of("tls", "https", "kubernetes.io/wss");
        return Map.of(Protocol.TLS, carriers, Protocol.MTLS, carriers);
    }

    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.TLS, Set.of("tls"));
    }
}
