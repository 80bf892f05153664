package dev.portprobe.plan;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a profile into checks: one per Service port (in profile order), then one per workload port that no Service
 * port targets (in profile order), since such a port can only be reached through the pods (Envoy admin 19000, a port
 * the table lists for a pod but no Service exposes).
 */
public final class Planner {
    private Planner() {
    }

    public static List<Check> plan(Profile profile) {
        List<Check> checks = new ArrayList<>();
        Set<String> targeted = new HashSet<>();
        for (ServiceSpec s : profile.services()) {
            for (PortSpec p : s.ports()) {
                checks.add(new Check(s.name(), CheckKind.SERVICE, s.workload(), p.port(), p.effectiveTargetPort(), p,
                        !p.optional(), s.optional()));
                if (s.workload() != null) {
                    targeted.add(s.workload() + ":" + p.effectiveTargetPort());
                }
            }
        }
        for (WorkloadSpec w : profile.workloads()) {
            for (PortSpec p : w.ports()) {
                if (!targeted.contains(w.name() + ":" + p.port())) {
                    checks.add(new Check(w.name(), CheckKind.WORKLOAD, w.name(), p.port(), p.port(), p,
                            !p.optional(), false));
                }
            }
        }
        return checks;
    }
}
