package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.net.TlsFailure;
import dev.portprobe.profile.Protocol;
import java.util.Set;

/**
 * One actionable line for every outcome that is not OK: the likely cause and the next step, specific to what was
 * expected and what answered. What is specific to a protocol comes from its folder ({@link ProtocolSupport}'s
 * {@code answeredInstead}, {@code answerTooSlow}, {@code unhealthy}).
 */
public final class Hints {
    /** The detail phrase for a connection that closed before any byte (hints go by the outcome's typed flag). */
    public static final String CLOSED_WITHOUT_REPLY = "closed the connection without a reply";
    private static final Set<String> CLIENT_CERT_ALERTS = Set.of("certificate_required", "bad_certificate",
            "unknown_ca", "certificate_unknown", "access_denied", "certificate_expired", "decrypt_error");

    private Hints() {
    }

    public static String forOutcome(ProbeRequest request, ProbeOutcome outcome) {
        return switch (outcome.status()) {
            case OK, SKIPPED -> null;
            case REFUSED -> "nothing listens on " + request.port()
                    + ": is the container up, and does the Service's targetPort match the container port?";
            case TIMEOUT -> timeout(request, outcome.observed());
            case WRONG_PROTOCOL -> wrongProtocol(request, outcome.observed(), outcome.closedWithoutReply());
            case TLS_ERROR -> "the TLS handshake failed: check the server's TLS settings with openssl s_client -connect "
                    + request.address() + " -servername " + ProbeTls.serverName(request);
            case UNHEALTHY -> unhealthy(request);
            case UNRESOLVED -> "cannot resolve " + request.host() + ": check the name, or map it with --target NAME=HOST";
            case ERROR -> "an unexpected error: re-run with -v and report it";
        };
    }

    /** TLS_ERROR, by the reason of the failure. */
    public static String tlsError(ProbeRequest request, TlsFailure failure) {
        String name = ProbeTls.serverName(request);
        return switch (failure.kind()) {
            case EXPIRED -> "the server certificate has expired: renew it (cert-manager: kubectl describe certificate), "
                    + "or restart the server if it still holds an old one";
            case NOT_YET_VALID -> "the certificate is not valid yet: check the clocks of the server and of the issuer";
            case WRONG_NAME -> "the certificate does not cover " + name
                    + ": set tls.serverName in the profile to one of its SANs, or reissue it with this name";
            case UNKNOWN_CA -> "the certificate is not signed by the CA given with --ca: pass the issuing CA (the secret's ca.crt)";
            case UNTRUSTED -> "--ca verification refused the certificate: inspect it with openssl s_client -connect "
                    + request.address() + " -showcerts";
            case ALERT -> failure.alert() != null && CLIENT_CERT_ALERTS.contains(failure.alert())
                    ? clientCertificateRejected(request)
                    : "unrecognized_name".equals(failure.alert())
                    ? "the server does not know the name " + name + ": set tls.serverName in the profile"
                    : "the server refused the handshake (alert " + failure.alert() + "): no TLS version or cipher in "
                    + "common, or it needs another SNI; try openssl s_client -connect " + request.address() + " -servername " + name;
            case NO_COMMON_PARAMETERS -> "no TLS version or cipher suite in common: the server may allow only TLS below 1.2";
            case NOT_TLS, OTHER -> "the TLS handshake failed: check the server's TLS settings with openssl s_client -connect "
                    + request.address() + " -servername " + name;
        };
    }

    /** The --ca/--cert/--key files could not be used; the detail names the file and the reason. */
    public static String clientTlsFiles() {
        return "the --ca/--cert/--key files cannot be used (the detail names the file): fix or replace them, or leave them out";
    }

    public static String clientCertificateRejected(ProbeRequest request) {
        return "the server rejected the client certificate: check that --cert is issued by a CA the server trusts, "
                + "is not expired, and matches --key";
    }

    public static String mtlsNotEnforced(ProbeRequest request) {
        return "mTLS is not enforced on this port: the server never asked for a client certificate; check the "
                + "server's (or sidecar's) client-certificate setting, or expect tls";
    }

    private static String timeout(ProbeRequest request, Observed observed) {
        String expected = request.expected().id();
        if (observed == null) {
            return "no route or a firewall drops packets to " + request.address()
                    + ": check NetworkPolicies and that the address is right";
        }
        if (observed == Observed.SILENT) {
            return "the port accepts connections but nothing answered " + expected
                    + ": a server waiting for another protocol, a stuck process, or a proxy whose upstream hangs; "
                    + "try portprobe identify " + request.address() + " --timeout 10s";
        }
        String folders = ProtocolSupports.answerTooSlow(request, observed);
        return folders != null ? folders : observed + " answered but did not finish within the deadline: retry with a "
                + "longer --timeout, and check the server's logs";
    }

    private static String wrongProtocol(ProbeRequest request, Observed observed, boolean closedWithoutReply) {
        Protocol expected = request.expected();
        if (observed == null) {
            return "nothing answered " + expected.id() + ": check the port number";
        }
        if (observed == Observed.UNKNOWN) {
            return closedWithoutReply
                    ? "the port accepts connections and closes them at once: a proxy or sidecar without a healthy "
                    + "upstream, or a server that rejects this client; check the server's logs"
                    : "an unknown protocol answers (first bytes in the detail): check which process listens on "
                    + request.port() + " (kubectl exec POD -- ss -ltnp)";
        }
        String folders = ProtocolSupports.answeredInstead(request, observed);
        return folders != null ? folders : "the port answers " + observed + ", not " + expected.id()
                + ": check the table's protocol for this port and the container's args";
    }

    /** The folder's own hint (an HTTP status outside expectStatus...), else the generic one. */
    private static String unhealthy(ProbeRequest request) {
        String folders = ProtocolSupports.unhealthy(request);
        return folders != null ? folders : "the server answered but reports itself unhealthy: check its logs";
    }
}
