package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.kube.Leaks;
import dev.portprobe.testing.kube.Sockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What one in-process {@code Main.run} may leave behind: threads it started and file descriptors (sockets,
 * listeners) it opened. Take the baseline after a first run, so that class loading and process-wide pools are
 * already in it; the threads of the test's own servers (the fake API's Vert.x loop, the relay's pumps) are not
 * the CLI's.
 */
final class RunLeaks {
    private static final long SETTLE_MILLIS = 15_000;
    /**
     * Threads that belong to the test's servers, or to the JVM and idle out by themselves. fabric8's
     * {@code CachedSingleThreadScheduler} is one process-wide scheduler (request retry back-off, among others) whose
     * thread checks every 10 s whether it has work left and ends when it has none: a retry late in a run on a loaded
     * machine keeps it for up to 20 s, longer than {@link #SETTLE_MILLIS}. Whatever a leaked client still did would
     * also hold a socket, which the descriptor check sees.
     */
    private static final List<String> NOT_THE_CLIS = List.of("vert.x-", "relay-", "backend-", "OkHttp TaskRunner",
            "ForkJoinPool.commonPool-", "Attach Listener", "process reaper", "MockWebServer",
            "CachedSingleThreadScheduler-");

    private RunLeaks() {
    }

    record Baseline(Set<Thread> threads, long fds) {
        /** Waits for the run's threads to end and its descriptors to close, and fails if they do not. */
        void assertNothingLeft() throws InterruptedException {
            assertThat(eventually(() -> newThreads(threads).isEmpty()))
                    .as("threads left after the run: %s", newThreads(threads)).isTrue();
            assertThat(eventually(() -> fds() <= fds))
                    .as("file descriptors: %d before the run, %d after", fds, fds()).isTrue();
        }
    }

    static Baseline baseline() throws IOException {
        return new Baseline(Leaks.threads(), Sockets.openFds());
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        return Leaks.eventually(condition, SETTLE_MILLIS);
    }

    static Set<String> newThreads(Set<Thread> baseline) {
        // OkHttp's TaskRunner pool is told by its code: a pool thread takes the name of the task it runs ("OkHttp
        // WebSocket ... writer close"), and idles out by itself; the websockets are checked by the relay's sessions.
        return Leaks.threads().stream()
                .filter(t -> !baseline.contains(t) && !Leaks.isTaskRunnerThread(t))
                .map(Thread::getName)
                .filter(name -> NOT_THE_CLIS.stream().noneMatch(name::startsWith))
                .collect(Collectors.toSet());
    }

    private static long fds() {
        try {
            return Sockets.openFds();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
