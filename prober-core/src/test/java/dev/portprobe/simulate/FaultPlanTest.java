package dev.portprobe.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void putsTheWrongProtocolOnTheFirstGrpcPortAndSpreadsTheOthersOverOtherProtocols() {
        Map<String, Fault.Kind> faults = ids(FaultPlan.choose(TestPlans.checks(TestPlans.everyProtocol())));
        assertThat(faults).containsExactlyInAnyOrderEntriesOf(Map.of(
                "gloo:9977", Fault.Kind.WRONG_PROTOCOL,
                "web:80", Fault.Kind.SILENT,
                "web:443", Fault.Kind.CLOSED));
    }

    @Test
    void neverFaultsAnOptionalCheck() {
        Check optional = new Check("grafana", CheckKind.SERVICE, null, 80, 3000, PortSpec.of(80, Protocol.GRPC), false, true);
        Check required = Check.adHoc("gloo", PortSpec.of(9977, Protocol.HTTP));
        Map<String, Fault.Kind> faults = ids(FaultPlan.choose(List.of(optional, required)));
        assertThat(faults).containsOnlyKeys("gloo:9977");
    }

    @Test
    void givesATcpOnlyProfileJustAClosedPort() {
        List<Check> checks = List.of(Check.adHoc("a", PortSpec.of(1, Protocol.TCP)), Check.adHoc("b", PortSpec.of(2, Protocol.TCP)));
        assertThat(ids(FaultPlan.choose(checks))).containsExactlyEntriesOf(Map.of("a:1", Fault.Kind.CLOSED));
    }

    private static Map<String, Fault.Kind> ids(Map<Check, Fault.Kind> chosen) {
        return chosen.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().id(), Map.Entry::getValue));
    }
}
