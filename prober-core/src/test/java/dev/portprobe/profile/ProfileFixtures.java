package dev.portprobe.profile;

import java.util.List;

/** Shared helpers for tests that compare profiles. */
public final class ProfileFixtures {
    private ProfileFixtures() {
    }

    /** The profile with what comparison should ignore cleared: line numbers, source and extends. */
    public static Profile normalized(Profile p) {
        return new Profile(p.name(), p.title(), null, p.namespace(),
                p.workloads().stream().map(w -> new WorkloadSpec(w.name(), w.selector(), ports(w.ports()), 0)).toList(),
                p.services().stream().map(s -> new ServiceSpec(s.name(), s.workload(), s.optional(), ports(s.ports()), 0))
                        .toList(), "");
    }

    private static List<PortSpec> ports(List<PortSpec> ports) {
        return ports.stream().map(p -> new PortSpec(p.port(), p.targetPort(), p.name(), p.protocol(), p.usage(),
                p.http(), p.grpc(), p.tls(), p.reach(), p.optional(), 0)).toList();
    }
}
