package dev.portprobe.probe;

/** One actionable line for every outcome that is not OK: the likely cause and the next step. */
public final class Hints {
    private Hints() {
    }

    public static String forOutcome(ProbeRequest request, ProbeOutcome outcome) {
        int port = request.port();
        return switch (outcome.status()) {
            case OK -> null;
            case REFUSED -> "nothing listens on " + port + ": is the container up, and does the Service's targetPort match the container port?";
            case TIMEOUT -> outcome.observed() == null
                    ? "no route or a firewall drops packets to " + request.address() + ": check NetworkPolicies and that the address is right"
                    : "the port accepts connections but does not answer " + request.expected().id() + ": is it the right port, or is the server stuck?";
            case WRONG_PROTOCOL -> "the port answers " + outcome.observed() + ", not " + request.expected().id() + ": check the table's protocol for this port and the container's args";
            case TLS_ERROR -> "the TLS handshake failed: check the certificate, --ca and the server name";
            case UNHEALTHY -> "the server answered but reports itself unhealthy: check its logs";
            case UNRESOLVED, SKIPPED -> null;
            case ERROR -> "an unexpected error: re-run with -v and report it";
        };
    }
}
