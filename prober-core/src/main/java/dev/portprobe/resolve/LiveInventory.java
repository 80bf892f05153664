package dev.portprobe.resolve;

import java.util.List;
import java.util.Map;

/**
 * One namespace as {@code portprobe learn} reads it, as plain values: its Services (ports, target ports resolved to
 * numbers, ready endpoints) and the workloads behind them or picked by the selector (their pods' container ports).
 */
public record LiveInventory(String namespace, List<LiveService> services, List<LiveWorkload> workloads) {

    public LiveInventory {
        services = List.copyOf(services);
        workloads = List.copyOf(workloads);
    }

    /**
     * A Service.
     *
     * @param workload       the workload whose pods it selects (the first by name), or null when none does
     * @param readyEndpoints ready endpoints across its EndpointSlices
     */
    public record LiveService(String name, String workload, List<LivePort> ports, int readyEndpoints, int endpoints) {
        public LiveService {
            ports = List.copyOf(ports);
        }
    }

    /**
     * A Service port.
     *
     * @param targetPort the container port it sends to: the number, or a named port resolved through the
     *                   EndpointSlices or the pods; null when a name resolves nowhere
     */
    public record LivePort(String name, int port, Integer targetPort, String appProtocol) {
    }

    /**
     * A Deployment, StatefulSet or DaemonSet.
     *
     * @param podLabels the labels of its pod template (a workload row's selector)
     * @param ports     the container ports of its pod template (or, when the template names none, of its pods)
     * @param podIps    pod name to pod IP, for its pods that have one
     */
    public record LiveWorkload(String kind, String name, Map<String, String> podLabels, List<LivePort> ports,
                               Map<String, String> podIps) {
        public LiveWorkload {
            podLabels = Map.copyOf(podLabels);
            ports = List.copyOf(ports);
            podIps = Map.copyOf(podIps);
        }
    }
}
