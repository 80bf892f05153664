package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProtocolSupports;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.Drift;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a live ServicePort differs from the table's row. */
final class LiveDrift {
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
        String wanted = check.expected().overUdp() ? "UDP" : "TCP";
        if (!wanted.equals(l4)) {
            out.add(new Drift("protocol", wanted, l4));
        }
        String app = live.getAppProtocol();
        if (app != null && !compatible(check.expected(), app.toLowerCase(Locale.ROOT))) {
            out.add(new Drift("appProtocol", check.expected().id(), app));
        }
        return out;
    }

    /**
     * True unless the live appProtocol is one some protocol folder knows and the expected protocol's folder does not
     * list it as a carrier (see {@code ProtocolSupport.appProtocols}).
     */
    static boolean compatible(Protocol expected, String app) {
        if (!ProtocolSupports.knownAppProtocols().contains(app) || expected == Protocol.TCP) {
            return true;
        }
        return ProtocolSupports.appProtocolsFor(expected).contains(app) || "tcp".equals(app);
    }
}
