package dev.portprobe.profile;

import java.util.List;

/**
 * A Service of the "Services and ports" table.
 *
 * @param workload the workload whose pods back the Service (may be null when the table has no pod row for it)
 * @param optional may be absent: a missing optional Service is SKIPPED; once installed, its ports count like any other
 */
public record ServiceSpec(String name, String workload, boolean optional, List<PortSpec> ports, int line) {
    public ServiceSpec {
        ports = List.copyOf(ports);
    }
}
