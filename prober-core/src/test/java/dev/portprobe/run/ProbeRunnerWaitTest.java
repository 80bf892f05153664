package dev.portprobe.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.Target;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.ScriptedServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** --wait in the runner: rounds, what the listener hears, and the result of the last round. */
class ProbeRunnerWaitTest {
    private static final Check CHECK = Check.adHoc("rate-limit", PortSpec.of(18081, Protocol.HTTP));

    /** A cluster where the Service has no ready endpoint for the first {@code unreadyRounds} rounds. */
    private static final class FakeSlowStartResolver implements Resolver {
        private final int unreadyRounds;
        private final int port;
        private int rounds;

        FakeSlowStartResolver(int unreadyRounds, int port) {
            this.unreadyRounds = unreadyRounds;
            this.port = port;
        }

        @Override
        public String mode() {
            return "port-forward";
        }

        @Override
        public String namespace() {
            return "gloo-system";
        }

        @Override
        public List<Resolution> resolveAll(List<Check> checks) {
            rounds++;
            return checks.stream().map(c -> rounds <= unreadyRounds
                    ? (Resolution) new Resolution.Finding(c, Status.UNRESOLVED, "0 ready endpoints of 1", "kubectl describe")
                    : new Resolution.Targets(c, List.of(Target.direct("127.0.0.1", port)))).toList();
        }

        @Override
        public void close() {
        }
    }

    /** Hears everything. */
    private static final class RecordingListener implements RunListener {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void roundFailed(int round, int failing, int total, Duration pause, Duration left) {
            heard.add("round " + round + ": " + failing + " of " + total);
        }

        @Override
        public void checkDone(CheckResult r) {
            heard.add(r.check().id() + " " + r.status());
        }
    }

    @Test
    void reprobesAnUnresolvedCheckUntilItResolvesAndTellsTheListenerEachRound() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200));
             ProbeEngine engine = new ProbeEngine()) {
            FakeSlowStartResolver resolver = new FakeSlowStartResolver(1, server.getPort());
            // a timeout with room for a loaded machine: round 2 must pass at once
            Report report = new ProbeRunner(engine, resolver, new RunOptions(Duration.ofSeconds(5), 0,
                    Duration.ofSeconds(20)), listener).run("p", List.of(CHECK));
            assertThat(report.results()).extracting(CheckResult::status).containsExactly(Status.OK);
            assertThat(report.exitCode()).isZero();
            assertThat(resolver.rounds).isEqualTo(2);
        }
        assertThat(listener.heard).containsExactly("rate-limit:18081 UNRESOLVED", "round 1: 1 of 1", "rate-limit:18081 OK");
    }

    /** Time that moves only when the runner sleeps: what each round may use is then exact, whatever the load. */
    private static final class FakeClock {
        long nanos = 1_000_000_000L;

        long nanos() {
            return nanos;
        }

        void sleep(Duration d) {
            nanos += d.toNanos();
        }
    }

    @Test
    void theWaitBoundsTheReprobesTooAndNoRoundStartsThatCannotEndBeforeIt() throws Exception {
        RecordingListener listener = new RecordingListener();
        FakeClock clock = new FakeClock();
        try (ScriptedServer silent = ScriptedServer.start(new ScriptedServer.Silent());
             ProbeEngine engine = new ProbeEngine()) {
            FakeSlowStartResolver resolver = new FakeSlowStartResolver(0, silent.port());
            // round 1 at 0 ms, with the whole 800 ms timeout; a 1 s pause; round 2 at 1000 ms may use only the
            // 300 ms left of the 1300 ms wait; the next pause shrinks to 50 ms so that round 3 still gets the least
            // a round may have (250 ms), and ends at the deadline; nothing is left for a round 4
            Report report = new ProbeRunner(engine, resolver, new RunOptions(Duration.ofMillis(800), 0,
                    Duration.ofMillis(1300)), listener, clock::nanos, clock::sleep).run("p", List.of(CHECK));

            assertThat(resolver.rounds).isEqualTo(3);
            CheckResult last = report.results().get(0);
            assertThat(last.status()).isEqualTo(Status.TIMEOUT);
            assertThat(last.detail()).contains("within 250 ms");
        }
        assertThat(listener.heard).containsExactly("rate-limit:18081 TIMEOUT", "round 1: 1 of 1",
                "rate-limit:18081 TIMEOUT", "round 2: 1 of 1", "rate-limit:18081 TIMEOUT");
    }

    @Test
    void keepsTheLastRoundsFindingWhenTheWaitRunsOut() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ProbeEngine engine = new ProbeEngine()) {
            FakeSlowStartResolver resolver = new FakeSlowStartResolver(Integer.MAX_VALUE, 1);
            Report report = new ProbeRunner(engine, resolver, new RunOptions(Duration.ofSeconds(1), 0,
                    Duration.ofMillis(1500)), listener).run("p", List.of(CHECK));
            assertThat(report.results()).extracting(CheckResult::status).containsExactly(Status.UNRESOLVED);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(resolver.rounds).isGreaterThanOrEqualTo(2);
        }
        assertThat(listener.heard).startsWith("rate-limit:18081 UNRESOLVED", "round 1: 1 of 1");
    }
}
