package dev.portprobe.probe.http;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.DemoSite;
import dev.portprobe.loopback.HttpOkHandler;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.ProtocolSupport;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.profile.Protocol;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The http folder: HTTP/1.x in plaintext, and over TLS (https). */
public final class HttpSupport implements ProtocolSupport {
    @Override
    public Map<Protocol, Probe> probes() {
        return Map.of(Protocol.HTTP, new HttpProbe(), Protocol.HTTPS, new HttpsProbe());
    }

    @Override
    public Map<Protocol, DemoServer> demoServers() {
        return Map.of(Protocol.HTTP, site -> serve(site, false), Protocol.HTTPS, site -> serve(site, true));
    }

    /** An HTTP/1.1 server (over TLS when {@code tls}) that answers any path with the check's status. */
    private static DemoServer.Served serve(DemoSite site, boolean tls) throws java.io.IOException {
        String expectStatus = site.check().spec().http().expectStatus();
        int status = HttpOkHandler.statusFor(expectStatus).code();
        if (!tls) {
            return new DemoServer.Served(site.bind(ch -> HttpOkHandler.pipeline(site.check().id(), expectStatus)),
                    "HTTP/1.1: " + status + " on any path");
        }
        SslContext context = site.tls(false);
        int port = site.bind(ch -> HttpOkHandler.pipeline(context.newHandler(ch.alloc()), site.check().id(), expectStatus));
        return new DemoServer.Served(port, "HTTPS: " + status + " on any path");
    }

    /** The HTTP/2 preface (rank 2) and the HTTP/1.1 GET (rank 3). */
    @Override
    public List<ProtocolStep> identifySteps() {
        return HttpSteps.ALL;
    }

    /** A status line (http) and a first HTTP/2 frame (h2). */
    @Override
    public List<ReplyReading> replyReadings() {
        return HttpReadings.ALL;
    }

    @Override
    public String answeredInstead(ProbeRequest request, Observed observed) {
        Protocol expected = request.expected();
        if (observed == Observed.H2) {
            return expected.isGrpc()
                    ? "an HTTP/2 server that is not gRPC answers: wrong port, or a proxy without a gRPC route"
                    : "an HTTP/2-only server (h2c) answers: expect grpc if it is a gRPC port, else check the port number";
        }
        if (observed == Observed.HTTP) {
            return expected.overTls()
                    ? "the port speaks plaintext HTTP, not TLS: expect http, or check that TLS is enabled on the server"
                    : expected.isGrpc()
                    ? "an HTTP/1.x server answers: likely an HTTP admin or metrics port, not the gRPC port; check the port number"
                    : "an HTTP server answers here: expect http, or check the port number";
        }
        return null;
    }

    @Override
    public String unhealthy(ProbeRequest request) {
        return "the server answered a status outside expectStatus (" + request.spec().http().acceptedStatus()
                + "): check http.path and the application's readiness (kubectl logs)";
    }

    @Override
    public Map<Protocol, Set<String>> appProtocols() {
        return Map.of(Protocol.HTTP, Set.of("http", "http2", "kubernetes.io/h2c", "kubernetes.io/ws"),
                Protocol.HTTPS, Set.of("https", "tls", "kubernetes.io/wss"));
    }

    /** Istio's http, http2 (Envoy serves HTTP/1.1 there too) and grpc-web; Kubernetes' WebSocket appProtocols. */
    @Override
    public Map<Protocol, Set<String>> portNames() {
        return Map.of(Protocol.HTTP, Set.of("http", "http2", "grpc-web", "kubernetes.io/ws"),
                Protocol.HTTPS, Set.of("https", "kubernetes.io/wss"));
    }
}
