package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine's promise: every check completes once, with a verdict, and gives its slot back, whatever its probe does. */
class ProbeEngineTest {
    private static final ProbeRequest REQUEST =
            new ProbeRequest("127.0.0.1", 1, PortSpec.of(1, Protocol.TCP), Duration.ofSeconds(30));

    /** An Error from inside a probe (Netty asserts its own invariants) once left a check without a verdict. */
    @Test
    void aProbeThatThrowsAnErrorGetsAnErrorVerdictAndGivesItsSlotBack() throws Exception {
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(1))) {
            CompletableFuture<ProbeOutcome> thrown = engine.run(REQUEST, scope -> {
                throw new AssertionError("an invariant broke");
            });
            CompletableFuture<ProbeOutcome> next = engine.run(REQUEST,
                    scope -> CompletableFuture.completedFuture(ProbeOutcome.ok(Observed.TCP, "connected")));

            ProbeOutcome outcome = thrown.get(10, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.detail()).contains("AssertionError", "an invariant broke");
            assertThat(outcome.hint()).isNotBlank();
            assertThat(next.get(10, TimeUnit.SECONDS).status()).isEqualTo(Status.OK);
        }
    }

    @Test
    void aProbeWhoseFutureFailsGetsAnErrorVerdict() throws Exception {
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(1))) {
            ProbeOutcome outcome = engine.run(REQUEST,
                    scope -> CompletableFuture.failedFuture(new IllegalStateException("broken"))).get(10, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.detail()).contains("IllegalStateException: broken");
        }
    }

    @Test
    void aProbeThatNeverAnswersTimesOutAtItsDeadlineAndItsScopeIsClosed() throws Exception {
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(1))) {
            ProbeScope[] seen = new ProbeScope[1];
            ProbeOutcome outcome = engine.run(new ProbeRequest("127.0.0.1", 1, PortSpec.of(1, Protocol.TCP),
                    Duration.ofMillis(50)), scope -> {
                seen[0] = scope;
                return new CompletableFuture<>();
            }).get(10, TimeUnit.SECONDS);
            assertThat(outcome.status()).isEqualTo(Status.TIMEOUT);
            assertThat(seen[0].isClosed()).isTrue();
        }
    }
}
