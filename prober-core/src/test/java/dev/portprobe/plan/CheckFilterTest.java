package dev.portprobe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import dev.portprobe.profile.ProfileLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckFilterTest {
    static List<Check> checks;

    @BeforeAll
    static void plan() throws InputException {
        checks = Planner.plan(ProfileLoader.builtin("gloo-mesh-oss"));
    }

    private static List<String> ids(List<Check> cs) {
        return cs.stream().map(Check::id).toList();
    }

    @Test
    void noOptionsKeepEveryCheck() throws InputException {
        assertThat(CheckFilter.parse(List.of(), List.of()).apply(checks)).isEqualTo(checks);
        assertThat(CheckFilter.parse(null, null).apply(checks)).isEqualTo(checks);
    }

    @Test
    void onlyANameKeepsEveryPortOfThatName() throws InputException {
        assertThat(ids(CheckFilter.parse(List.of("gloo"), List.of()).apply(checks)))
                .containsExactly("gloo:9977", "gloo:9988", "gloo:9979", "gloo:9966");
    }

    @Test
    void onlyANameAndPortKeepsThatCheck() throws InputException {
        assertThat(ids(CheckFilter.parse(List.of("gloo:9977", "gateway-proxy:19000"), List.of()).apply(checks)))
                .containsExactly("gloo:9977", "gateway-proxy:19000");
    }

    @Test
    void commaSeparatedValuesAreSeveralSelectors() throws InputException {
        assertThat(ids(CheckFilter.parse(List.of("gateway,access-log"), List.of()).apply(checks)))
                .containsExactly("gateway:443", "access-log:8083");
    }

    @Test
    void skipRemovesMatchesAndWinsOverOnly() throws InputException {
        assertThat(ids(CheckFilter.parse(List.of("gloo"), List.of("gloo:9966")).apply(checks)))
                .containsExactly("gloo:9977", "gloo:9988", "gloo:9979");
        assertThat(ids(CheckFilter.parse(List.of(), List.of("gateway-proxy", "gloo")).apply(checks)))
                .containsExactly("gateway:443", "access-log:8083");
    }

    @Test
    void aSkipThatMatchesNothingIsReportedNotFatal() throws InputException {
        CheckFilter f = CheckFilter.parse(List.of(), List.of("grafana"));
        assertThat(f.apply(checks)).isEqualTo(checks);
        assertThat(f.unmatchedSkips(checks)).extracting(CheckFilter.Selector::toString).containsExactly("grafana");
    }

    @Test
    void anOnlyThatMatchesNoNameListsTheNames() throws InputException {
        CheckFilter f = CheckFilter.parse(List.of("glo"), List.of());
        assertThatThrownBy(() -> f.apply(checks)).isInstanceOf(InputException.class)
                .hasMessage("--only: glo matches no check; names: gateway, gloo, gateway-proxy, access-log");
    }

    @Test
    void anOnlyWithAnUnknownPortListsThePortsOfTheName() throws InputException {
        CheckFilter f = CheckFilter.parse(List.of("gloo:1"), List.of());
        assertThatThrownBy(() -> f.apply(checks)).isInstanceOf(InputException.class)
                .hasMessage("--only: gloo:1 matches no check; gloo has ports 9977, 9988, 9979, 9966");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":80", "gloo:", "gloo:x", "gloo:0", "gloo:65536", "gloo:9977:1", "a b", "gloo:-1",
            "gloo:123456"})
    void rejectsMalformedSelectorsWithOneLine(String bad) {
        assertThatThrownBy(() -> CheckFilter.parse(List.of(), List.of(bad))).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("--skip: ").doesNotContain("\n"));
    }
}
