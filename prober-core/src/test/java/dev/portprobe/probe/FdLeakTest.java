package dev.portprobe.probe;

import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.HostileServer.Misbehaviour;
import dev.portprobe.testing.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * 10,000 checks in one process against the hostile servers, then the process's open file descriptors are back where
 * they were once the engine and the servers had started and warmed up.
 */
class FdLeakTest {
    private static final int CHECKS = 10_000;
    private static final Duration DEADLINE = Duration.ofMillis(250);
    private static final Protocol[] PROTOCOLS = {Protocol.HTTP, Protocol.TLS, Protocol.REDIS, Protocol.MTLS, Protocol.HTTPS, Protocol.TCP};

    @Test
    void tenThousandChecksAgainstHostileServersLeaveNoFileDescriptorOpen() throws Exception {
        List<HostileServer> servers = new ArrayList<>();
        try (ProbeEngine engine = new ProbeEngine(EngineOptions.defaults().withConcurrency(128))) {
            for (Misbehaviour m : HostileCases.MISBEHAVIOURS) {
                servers.add(new HostileServer(m));
            }
            run(engine, servers, servers.size() * PROTOCOLS.length * 4);
            long baseline = stable();

            List<ProbeOutcome> outcomes = run(engine, servers, CHECKS);

            assertThat(outcomes).hasSize(CHECKS).doesNotContainNull();
            assertThat(settle(baseline)).as("open file descriptors after %d checks", CHECKS).isLessThanOrEqualTo(baseline);
        } finally {
            servers.forEach(HostileServer::close);
        }
    }

    private static List<ProbeOutcome> run(ProbeEngine engine, List<HostileServer> servers, int n) {
        List<CompletableFuture<ProbeOutcome>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            HostileServer server = servers.get(i % servers.size());
            Protocol protocol = PROTOCOLS[(i / servers.size()) % PROTOCOLS.length];
            futures.add(engine.probe(Requests.to(server.port(), protocol, DEADLINE)));
        }
        return futures.stream().map(f -> f.orTimeout(5, TimeUnit.MINUTES).join()).toList();
    }

    /** The count of open descriptors once it has not changed for half a second (at most 20 s of waiting). */
    private static long stable() throws InterruptedException, IOException {
        long count = openFds();
        int same = 0;
        for (int i = 0; i < 200 && same < 5; i++) {
            Thread.sleep(100);
            long now = openFds();
            same = now == count ? same + 1 : 0;
            count = now;
        }
        return count;
    }

    /** Waits (at most 20 s) until the count is at or below {@code target}: the servers close their side a little later. */
    private static long settle(long target) throws InterruptedException, IOException {
        long count = openFds();
        for (int i = 0; i < 200 && count > target; i++) {
            Thread.sleep(100);
            count = openFds();
        }
        return count;
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
