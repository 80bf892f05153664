package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.HostileServer.Misbehaviour;
import dev.portprobe.testing.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every probe against every kind of hostile server ends within its deadline with a precise status. The status comes
 * from what the server does, not from the clock: a case that ends before its deadline (OK, REFUSED, WRONG_PROTOCOL)
 * gets a generous one, which it never waits for, so that a loaded machine's slow first connect is not read as a
 * TIMEOUT; a case whose verdict is the deadline's (TIMEOUT, with what had answered so far) gets {@link #STALL}, long
 * enough for a loaded machine to see the server's first bytes, short enough that the stalls cost little. The engine's
 * TLS contexts are built first, as the runner does ({@link ProbeEngine#prepare}), so no case pays for a cold build. The
 * future is awaited with a bound only so that a bug fails the test instead of hanging the build.
 */
class HostileServerTest {
    /** The deadline of a case whose verdict comes before it. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The deadline of a case whose verdict is the deadline's (TIMEOUT). */
    static final Duration STALL = Duration.ofMillis(1500);
    private static final ProbeEngine ENGINE = new ProbeEngine();

    static {
        ENGINE.prepare(java.util.Arrays.asList(Protocol.values()));
    }
    private static final Map<String, HostileServer> SERVERS = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterAll
    static void closeAll() {
        SERVERS.values().forEach(HostileServer::close);
        ENGINE.close();
    }

    /** One probe against one misbehaving server, and the result it must give. */
    record Case(String server, Misbehaviour misbehaviour, Protocol expected, Status status, Observed observed) {
        @Override
        public String toString() {
            return expected.id() + " against a server that " + server + " -> " + status
                    + (observed == null ? "" : " (" + observed + ")");
        }
    }

    static List<Misbehaviour> all() {
        return HostileCases.MISBEHAVIOURS;
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (HostileCases.Row row : HostileCases.ROWS) {
            out.add(new Case(row.server(), row.misbehaviour(), row.expected(), row.status(), row.observed()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithinTheDeadlineWithAPreciseStatus(Case c) throws Exception {
        HostileServer server = SERVERS.computeIfAbsent(c.server(), k -> new HostileServer(c.misbehaviour()));

        Duration deadline = c.status() == Status.TIMEOUT ? STALL : DEADLINE;
        ProbeOutcome outcome = ENGINE.probe(Requests.to(server.port(), c.expected(), deadline)).get(30, TimeUnit.SECONDS);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(c.status());
        assertThat(outcome.observed()).as(outcome.detail()).isEqualTo(c.observed());
        assertThat(outcome.status() == Status.OK || outcome.hint() != null).as("a hint for every failure").isTrue();
        if (c.misbehaviour() == HostileCases.CLOSE && c.observed() == Observed.UNKNOWN) {
            assertThat(outcome.closedWithoutReply()).as(outcome.detail()).isTrue();
            assertThat(outcome.hint()).startsWith("the port accepts connections and closes them at once");
        }
    }
}
