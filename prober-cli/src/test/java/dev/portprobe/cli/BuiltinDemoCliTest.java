package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.ProfileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in profile acted out by {@code demo}: all OK without faults, and with {@code --faults} exactly the
 * injected faults fail. A generous deadline, since a loaded machine can be slow to answer the first TLS handshake.
 */
class BuiltinDemoCliTest {
    static final String TIMEOUT = "30s";

    static Stream<String> builtins() {
        return ProfileLoader.builtinNames().stream();
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinProfileRunsAllOkInTheDemo(String name) throws Exception {
        CliRun run = CliRun.of("demo", "-p", name, "--timeout", TIMEOUT, "-o", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("profile").asString()).isEqualTo(name);
        int planned = Planner.plan(ProfileLoader.builtin(name)).size();
        assertThat(json.get("results")).hasSize(planned);
        for (JsonNode r : json.get("results")) {
            assertThat(r.get("status").asString()).as(r.toString()).isEqualTo("OK");
            assertThat(r.get("observed").isNull()).as(r.toString()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("builtins")
    void everyBuiltinProfileFailsOnlyOnTheInjectedFaults(String name) throws Exception {
        CliRun run = CliRun.of("demo", "-p", name, "--faults", "--timeout", "15s", "-o", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        long required = Planner.plan(ProfileLoader.builtin(name)).stream().filter(c -> c.required()).count();
        List<String> failed = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            if (!r.get("status").asString().equals("OK")) {
                failed.add(r.get("name").asString() + ":" + r.get("port").asInt() + " " + r.get("status").asString());
                assertThat(r.get("hint").isNull()).as(r.toString()).isFalse();
            }
        }
        assertThat(failed).as(run.out()).hasSize((int) Math.min(3, required));
        assertThat(json.get("summary").get("failed").asInt()).isEqualTo(failed.size());
    }
}
