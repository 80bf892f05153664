package dev.portprobe.probe.grpc;

import dev.portprobe.probe.wire.Bytes;
import dev.portprobe.probe.Connects;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.wire.Sniff;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import io.grpc.Status.Code;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Classifies one health Check call, deterministically, from what the transport saw: the status code, the
 * content-type and {@code :status} of the response, the class of the failure's cause, and the first bytes
 * the server sent. Pure: it opens nothing, and says which follow-up (a TLS sniff, the identifier) is needed.
 */
final class GrpcVerdict {
    static final String NO_HEALTH = "gRPC answered; no health service (UNIMPLEMENTED)";

    /** What to do after the call. */
    sealed interface Next {
    }

    /** The verdict. */
    record Done(ProbeOutcome outcome) implements Next {
    }

    /** The deadline struck first: the scope knows what was seen by then. */
    record TimedOut() implements Next {
    }

    /** A plaintext call got HTTP/1.x or a silent close: only a TLS handshake tells TLS from HTTP/1.x. */
    record SniffTls(boolean sawHttp, String callSaid) implements Next {
    }

    /** TLS answered instead of plaintext gRPC: ask the identifier whether it demands a client certificate. */
    record TlsAnswered(String detail) implements Next {
    }

    /** A TLS handshake failed: a port demanding a client certificate is mtls, anything else a TLS error. */
    record TlsFailed(String detail) implements Next {
    }

    /** Not decided by our own signals: the identifier finds out what answers. */
    record Identify(String callSaid) implements Next {
    }

    private GrpcVerdict() {
    }

    /**
     * @param connected  the TCP connection opened
     * @param firstBytes the first bytes the server sent on the call's connection (raw, before TLS)
     */
    static Next decide(ProbeRequest request, GrpcAnswer answer, boolean connected, byte[] firstBytes) {
        Code code = answer.status().getCode();
        if (answer.response() != null && code == Code.OK) {
            return new Done(health(request, answer));
        }
        if (code == Code.DEADLINE_EXCEEDED) {
            return new TimedOut();
        }
        if (answer.grpcContentType()) {
            return new Done(grpcFailure(request, answer));
        }
        if (answer.httpStatus() != null) {
            return new Done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.H2,
                    "health Check: HTTP/2 answered with :status " + answer.httpStatus() + " and content-type "
                            + answer.contentType() + ", not gRPC (" + answer.statusText() + ")"));
        }
        if (!connected) {
            return new Done(answer.cause() != null ? Connects.failure(request, answer.cause())
                    : ProbeOutcome.of(Status.ERROR, null, "connect: " + request.address() + ": " + answer.statusText()));
        }
        byte[] bytes = firstBytes.length > 0 ? firstBytes : GrpcMessages.firstBytesQuoted(answer.status());
        return request.expected().overTls()
                ? overTls(request, answer, bytes)
                : plaintext(answer, bytes);
    }

    private static ProbeOutcome health(ProbeRequest request, GrpcAnswer answer) {
        String service = request.spec().grpc().service();
        String of = service.isEmpty() ? "" : " (service '" + service + "')";
        var serving = answer.response().getStatus();
        switch (serving) {
            case SERVING -> {
                return mutualTlsNotEnforced(request, answer)
                        ? ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.TLS,
                                "handshake: gRPC health: SERVING" + of + ", but the server never asked for a client certificate")
                                .withHint("mTLS is not enforced on " + request.port() + ": the server accepts TLS without a client certificate")
                        : ProbeOutcome.ok(Observed.GRPC, "gRPC health: SERVING" + of).withHealthServing(true);
            }
            case SERVICE_UNKNOWN -> {
                return unknownService(service);
            }
            default -> {
                return ProbeOutcome.of(Status.UNHEALTHY, Observed.GRPC, "gRPC health: " + serving + of);
            }
        }
    }

    private static boolean mutualTlsNotEnforced(ProbeRequest request, GrpcAnswer answer) {
        return request.expected() == Protocol.GRPC_MTLS && answer.session() != null && !answer.clientCertificateSent();
    }

    private static ProbeOutcome grpcFailure(ProbeRequest request, GrpcAnswer answer) {
        return switch (answer.status().getCode()) {
            case UNIMPLEMENTED -> ProbeOutcome.ok(Observed.GRPC, NO_HEALTH);
            case NOT_FOUND -> unknownService(request.spec().grpc().service());
            default -> ProbeOutcome.of(Status.UNHEALTHY, Observed.GRPC,
                    "health Check: gRPC answered " + answer.statusText());
        };
    }

    private static ProbeOutcome unknownService(String service) {
        return ProbeOutcome.of(Status.UNHEALTHY, Observed.GRPC,
                        "gRPC health: the health service does not know the service name '" + service + "' (NOT_FOUND)")
                .withHint("the server's health service has no entry for '" + service
                        + "': check grpc.service in the profile against the names the server registers");
    }

    private static Next plaintext(GrpcAnswer answer, byte[] bytes) {
        String said = answer.statusText();
        Sniff sniff = Sniff.ofCut(bytes);
        if (sniff == Sniff.HTTP) {
            return new SniffTls(true, said);
        }
        if (sniff == Sniff.TLS) {
            return new TlsAnswered("handshake: a TLS record answered the HTTP/2 preface");
        }
        if (sniff == Sniff.RESP) {
            return new Done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.REDIS,
                    "exchange: a RESP reply answered the HTTP/2 preface: \"" + Bytes.escape(bytes) + "\""));
        }
        if (GrpcMessages.goAway(answer.status()) || (sniff == Sniff.H2 && answer.status().getCode() == Code.UNAVAILABLE)) {
            return new Done(goAway(answer));
        }
        if (bytes.length == 0 && answer.status().getCode() == Code.UNAVAILABLE) {
            return new SniffTls(false, said);
        }
        return new Identify(said);
    }

    private static Next overTls(ProbeRequest request, GrpcAnswer answer, byte[] bytes) {
        Throwable cause = answer.cause();
        if (has(cause, NotSslRecordException.class) || (bytes.length > 0 && Sniff.ofCut(bytes) != Sniff.TLS)) {
            return notTls(request, answer, bytes);
        }
        if (has(cause, CertificateException.class) || has(cause, CertPathValidatorException.class)
                || has(cause, SSLPeerUnverifiedException.class)) {
            return new Done(ProbeOutcome.of(Status.TLS_ERROR, Observed.TLS,
                    "handshake: the server certificate did not verify: " + rootMessage(cause)));
        }
        if (GrpcMessages.alpnRefused(answer.status())) {
            return new Done(noH2InAlpn(request));
        }
        if (GrpcMessages.goAway(answer.status())) {
            return new Done(goAway(answer));
        }
        if (has(cause, SSLException.class)) {
            String detail = "handshake: " + rootMessage(cause);
            return request.expected() == Protocol.GRPC_MTLS
                    ? new Done(ProbeOutcome.of(Status.TLS_ERROR, Observed.TLS, detail + " (is the client certificate trusted by the server?)"))
                    : new TlsFailed(detail);
        }
        return new Identify(answer.statusText());
    }

    private static Next notTls(ProbeRequest request, GrpcAnswer answer, byte[] bytes) {
        String to = "handshake: the server answered the TLS ClientHello with ";
        Sniff sniff = Sniff.ofCut(bytes);
        if (sniff == Sniff.HTTP) {
            return new Done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.HTTP, to + "HTTP/1.x: plaintext HTTP, not TLS"));
        }
        if (sniff == Sniff.H2) {
            return new Done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.H2, to + "a plaintext HTTP/2 SETTINGS or GOAWAY frame")
                    .withHint("the port speaks plaintext HTTP/2: expect grpc (without TLS) on " + request.port() + ", not " + request.expected().id()));
        }
        if (sniff == Sniff.RESP) {
            return new Done(ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.REDIS, to + "a RESP reply: \"" + Bytes.escape(bytes) + "\""));
        }
        return new Identify(answer.statusText());
    }

    /**
     * TLS completed, but the server selected no h2 in ALPN (it offered http/1.1 only, or no ALPN at all). grpc-java
     * refuses such a server ("Failed ALPN negotiation"), and so do grpc-go clients since 1.67 ("missing selected ALPN
     * property"): whatever listens, gRPC clients cannot use it, which is its own finding.
     */
    static ProbeOutcome noH2InAlpn(ProbeRequest request) {
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.TLS,
                        "handshake: TLS completed, but the server did not select h2 in ALPN: gRPC clients refuse it"
                                + " (grpc-go since 1.67: \"missing selected ALPN property\")")
                .withHint("if " + request.port() + " is a gRPC server, make it (or the proxy in front of it) offer h2"
                        + " over ALPN; else check the table's protocol for this port");
    }

    private static ProbeOutcome goAway(GrpcAnswer answer) {
        return ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.H2,
                        "exchange: an HTTP/2 server closed the connection before answering the health Check (" + answer.statusText() + ")")
                .withHint("the HTTP/2 server sent GOAWAY at once: is it shutting down, or an HTTP/2 server that refuses gRPC?");
    }

    static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
