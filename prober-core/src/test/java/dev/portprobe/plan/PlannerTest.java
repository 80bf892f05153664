package dev.portprobe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    @Test
    void plansEveryServicePortThenTheWorkloadPortsNoServiceTargets() throws InputException {
        List<Check> checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-oss"));
        assertThat(checks).extracting(Check::id, Check::kind, Check::targetPort).containsExactly(
                tuple("gateway:443", CheckKind.SERVICE, 8443),
                tuple("gloo:9977", CheckKind.SERVICE, 9977),
                tuple("gloo:9988", CheckKind.SERVICE, 9988),
                tuple("gloo:9979", CheckKind.SERVICE, 9979),
                tuple("gloo:9966", CheckKind.SERVICE, 9966),
                tuple("gateway-proxy:80", CheckKind.SERVICE, 8080),
                tuple("gateway-proxy:443", CheckKind.SERVICE, 8443),
                tuple("access-log:8083", CheckKind.SERVICE, 8083),
                tuple("gateway-proxy:19000", CheckKind.WORKLOAD, 19000));
    }

    @Test
    void enterprisePlansNineteenChecks() throws InputException {
        List<Check> checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-enterprise"));
        assertThat(checks).hasSize(19);
        assertThat(checks.stream().filter(c -> c.kind() == CheckKind.WORKLOAD).map(Check::id))
                .containsExactly("gateway-proxy:19000", "grafana:80");
    }

    @Test
    void aServiceCheckCarriesTheServiceWorkloadAndTheRowOptions() throws InputException {
        Check grafana = find(Planner.plan(ProfileLoader.builtin("gloo-mesh-enterprise")), "glooe-grafana:80");
        assertThat(grafana.workload()).isEqualTo("grafana");
        assertThat(grafana.targetPort()).isEqualTo(3000);
        assertThat(grafana.spec().http().path()).isEqualTo("/api/health");
        assertThat(grafana.required()).as("optional means may be absent: once installed it counts").isTrue();
        assertThat(grafana.optionalService()).isTrue();
    }

    @Test
    void requiredIsFalseOnlyForOptionalPorts() throws InputException {
        List<Check> checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-enterprise"));
        assertThat(find(checks, "gloo:9977").required()).isTrue();
        assertThat(find(checks, "gloo:9977").optionalService()).isFalse();
        Check unused = find(checks, "grafana:80");
        assertThat(unused.required()).as("port marked (unused)").isFalse();
        assertThat(unused.optionalService()).isFalse();
        assertThat(unused.kind()).isEqualTo(CheckKind.WORKLOAD);
        assertThat(find(checks, "access-log:8083").workload()).isNull();
    }

    @Test
    void aServiceWithoutWorkloadLeavesTheWorkloadPortsUntargeted() throws InputException {
        Profile p = ProfileLoader.load("p.yaml", """
                apiVersion: portprobe/v1
                name: p
                workloads:
                  - name: web
                    ports:
                      - {port: 8080, protocol: http}
                services:
                  - name: web
                    ports:
                      - {port: 8080, protocol: http}
                """);
        assertThat(Planner.plan(p)).extracting(Check::id, Check::kind).containsExactly(
                tuple("web:8080", CheckKind.SERVICE), tuple("web:8080", CheckKind.WORKLOAD));
    }

    static Check find(List<Check> checks, String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
