package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.Drift;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where a live ServicePort differs from the table's row. */
final class LiveDrift {
    /** appProtocol values whose meaning we know; any other value is not compared. */
    private static final Set<String> KNOWN = Set.of("http", "https", "grpc", "tcp", "tls", "redis", "http2",
            "kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/wss");

    private LiveDrift() {
    }

    static List<Drift> of(Check check, ServicePort live, int liveTargetPort) {
        List<Drift> out = new ArrayList<>();
        if (live.getPort() != null && live.getPort() != check.port()) {
            out.add(new Drift("port", check.port(), live.getPort()));
        }
        if (liveTargetPort > 0 && liveTargetPort != check.targetPort()) {
            out.add(new Drift("targetPort", check.targetPort(), liveTargetPort));
        }
        String l4 = live.getProtocol() == null ? "TCP" : live.getProtocol();
        String wanted = check.expected() == Protocol.DNS_UDP ? "UDP" : "TCP";
        if (!wanted.equals(l4)) {
            out.add(new Drift("protocol", wanted, l4));
        }
        String app = live.getAppProtocol();
        if (app != null && !compatible(check.expected(), app.toLowerCase(Locale.ROOT))) {
            out.add(new Drift("appProtocol", check.expected().id(), app));
        }
        return out;
    }

    /** True unless the live appProtocol is one we know and it cannot carry the expected protocol. */
    static boolean compatible(Protocol expected, String app) {
        if (!KNOWN.contains(app) || expected == Protocol.TCP) {
            return true;
        }
        Set<String> ok = switch (expected) {
            case GRPC, GRPC_TLS, GRPC_MTLS -> Set.of("grpc", "http2", "kubernetes.io/h2c", "https", "tls");
            case HTTP -> Set.of("http", "http2", "kubernetes.io/h2c", "kubernetes.io/ws");
            case HTTPS -> Set.of("https", "tls", "kubernetes.io/wss");
            case TLS, MTLS -> Set.of("tls", "https", "kubernetes.io/wss");
            case REDIS -> Set.of("redis");
            case DNS, DNS_UDP -> Set.of();
            case TCP -> Set.of();
        };
        return ok.contains(app) || "tcp".equals(app);
    }
}
