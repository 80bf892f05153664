package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static PortSpec port(int port, Integer targetPort, Reach reach) {
        return new PortSpec(port, targetPort, null, Protocol.HTTP, "", null, null, null, reach, false, 0);
    }

    private static Profile profile(List<WorkloadSpec> workloads, List<ServiceSpec> services) {
        return new Profile("p", "t", null, "ns", workloads, services, "test");
    }

    @Test
    void needsWorkloadReadsForAWorkloadOnlyPortOfAWorkloadFoundByName() {
        WorkloadSpec gloo = new WorkloadSpec("gloo", Map.of(), List.of(port(9977, null, null), port(9979, null, null)), 0);
        ServiceSpec svc = new ServiceSpec("gloo", "gloo", false, List.of(port(9977, null, null)), 0);
        assertThat(JobSpec.needsWorkloadRead(profile(List.of(gloo), List.of(svc)))).isTrue();
    }

    @Test
    void needsNoWorkloadReadsWhenEveryWorkloadPortIsBehindAServiceOrSelected() {
        WorkloadSpec grafana = new WorkloadSpec("grafana", Map.of(), List.of(port(3000, null, null)), 0);
        ServiceSpec svc = new ServiceSpec("glooe-grafana", "grafana", true, List.of(port(80, 3000, null)), 0);
        WorkloadSpec selected = new WorkloadSpec("gloo", Map.of("gloo", "gloo"), List.of(port(9966, null, null)), 0);
        assertThat(JobSpec.needsWorkloadRead(profile(List.of(grafana, selected), List.of(svc)))).isFalse();
    }

    @Test
    void ignoresPodLocalPortsWhichInClusterModeSkips() {
        WorkloadSpec proxy = new WorkloadSpec("gateway-proxy", Map.of(),
                List.of(port(19000, null, Reach.POD_LOCAL)), 0);
        assertThat(JobSpec.needsWorkloadRead(profile(List.of(proxy), List.of()))).isFalse();
    }

    @Test
    void runsTheJobInTheFirstProbedNamespaceUnlessToldOtherwise() {
        JobSpec spec = JobSpec.of("p", List.of("a", "b"));
        assertThat(spec.effectiveJobNamespace()).isEqualTo("a");
        assertThat(spec.withJobNamespace("ops").effectiveJobNamespace()).isEqualTo("ops");
        assertThat(spec.multiNamespace()).isTrue();
    }
}
