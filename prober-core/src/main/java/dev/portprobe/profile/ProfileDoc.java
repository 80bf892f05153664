package dev.portprobe.profile;

import java.util.List;
import java.util.Map;

/**
 * One profile file as written, before {@code extends} is applied. Fields a child may leave out to inherit them are
 * null when absent.
 */
record ProfileDoc(
        String source,
        String name,
        String title,
        String extendsName,
        int extendsLine,
        String namespace,
        List<WorkloadDoc> workloads,
        List<ServiceDoc> services) {

    /** A workload entry; selector null when not given, ports empty when not given. */
    record WorkloadDoc(String name, Map<String, String> selector, List<PortSpec> ports, int line) {
    }

    /** A Service entry; workload and optional null when not given, ports empty when not given. */
    record ServiceDoc(String name, String workload, int workloadLine, Boolean optional, List<PortSpec> ports, int line) {
    }
}
