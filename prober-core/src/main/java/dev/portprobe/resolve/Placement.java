package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.report.Drift;
import java.util.List;

/** Where a check lives in the cluster, before a mode turns it into addresses: found, or a finding. */
sealed interface Placement {

    /** A ready pod address: the pod, its IP and the container port traffic for the check ends at. */
    record PodAddress(String pod, String ip, int port) {
    }

    /**
     * @param service     the Service name, or null for a workload-only check
     * @param servicePort the live Service port (0 for a workload-only check)
     * @param ready       ready pods, in a stable order; never empty
     * @param drift       where the live objects differ from the table
     */
    record Found(Check check, String service, int servicePort, List<PodAddress> ready, List<Drift> drift)
            implements Placement {
        public Found {
            ready = List.copyOf(ready);
            drift = List.copyOf(drift);
        }
    }

    record Failed(Resolution.Finding finding) implements Placement {
    }
}
