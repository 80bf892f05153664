package dev.portprobe.profile;

import java.util.List;
import java.util.Map;

/**
 * A row group of the "Pods and ports" table.
 *
 * @param selector pod labels; empty means the pods of the Deployment or StatefulSet named {@code name}
 */
public record WorkloadSpec(String name, Map<String, String> selector, List<PortSpec> ports, int line) {
    public WorkloadSpec {
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        ports = List.copyOf(ports);
    }
}
