package dev.portprobe.profile;

import java.util.List;

/**
 * A reference table as a testable profile, after {@code extends} has been applied.
 *
 * @param source where it was loaded from (a file path or "builtin:NAME"), for messages
 */
public record Profile(
        String name,
        String title,
        String extendsName,
        String namespace,
        List<WorkloadSpec> workloads,
        List<ServiceSpec> services,
        String source) {

    public Profile {
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
    }
}
