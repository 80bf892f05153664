package dev.portprobe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.ProfileLoader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any --only/--skip values either select checks or fail with a one-line message naming the option. */
class CheckFilterFuzzTest {
    static final List<Check> CHECKS = plan();

    private static List<Check> plan() {
        try {
            return Planner.plan(ProfileLoader.builtin("gloo-mesh-enterprise"));
        } catch (InputException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<List<String>> values() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("gloo", "gloo:9977", "redis:6379", "grafana:80", "gloo:", ":1", "a,b", ",", "gloo:0",
                        "gloo:65536", "gloo:99999999999", "x:y:z", " gloo ", "gloo,redis:6379", ""),
                Arbitraries.strings().withChars("glo:,0123456789 -").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(6));
        return value.list().ofMaxSize(3);
    }

    @Property(tries = 20_000)
    void anySelectorsFilterOrFailWithOneLine(@ForAll("values") List<String> only, @ForAll("values") List<String> skip) {
        try {
            List<Check> kept = CheckFilter.parse(only, skip).apply(CHECKS);
            assertThat(CHECKS).containsAll(kept);
        } catch (InputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").matches("(?s)--(only|skip): .*");
        }
    }
}
