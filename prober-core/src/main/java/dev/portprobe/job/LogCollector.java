package dev.portprobe.job;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the pod's log until the container ends, the deadline passes or the run is cancelled. Every line is kept (up to
 * a bound) for finding the report; progress lines go to the sink, the report's own lines (from a line that is exactly
 * "{" to one that is exactly "}") do not, since the report is rendered afterwards.
 */
final class LogCollector {
    static final int MAX_CHARS = 16 << 20;

    private final KubernetesClient client;
    private final Consumer<String> sink;
    private final StringBuilder text = new StringBuilder();
    private volatile LogWatch watch;
    private boolean inReport;

    LogCollector(KubernetesClient client, Consumer<String> sink) {
        this.client = client;
        this.sink = sink;
    }

    /** Follows the log of {@code pod}; returns when the stream ends, at the deadline, or when {@link #stop} is called. */
    void follow(String namespace, String pod, long deadlineNanos) {
        LogWatch w = client.pods().inNamespace(namespace).withName(pod).inContainer(JobPodTemplate.CONTAINER).watchLog();
        watch = w;
        long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        CompletableFuture<Void> timer = CompletableFuture.runAsync(w::close,
                CompletableFuture.delayedExecutor(left, TimeUnit.MILLISECONDS));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(w.getOutput(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                accept(line);
            }
        } catch (IOException e) {
            // closed at the deadline or on cancellation, or the connection dropped: the full log is fetched afterwards
        } finally {
            timer.cancel(false);
            w.close();
        }
    }

    /**
     * Reads the whole log at once, for a pod whose stream was missed or cut: it replaces what was streamed, and the
     * lines not streamed yet go to the sink.
     */
    void fetch(String namespace, String pod) {
        String log = client.pods().inNamespace(namespace).withName(pod).inContainer(JobPodTemplate.CONTAINER).getLog();
        if (log == null || log.length() <= text.length()) {
            return;
        }
        long seen = text.toString().lines().count();
        text.setLength(0);
        inReport = false;
        Consumer<String> ignore = line -> { };
        long index = 0;
        for (String line : (Iterable<String>) log.lines()::iterator) {
            accept(line, index++ < seen ? ignore : sink);
        }
    }

    /** Unblocks {@link #follow} from another thread. */
    void stop() {
        LogWatch w = watch;
        if (w != null) {
            w.close();
        }
    }

    String text() {
        return text.toString();
    }

    /** The last {@code n} non-blank lines, for a message when no report came. */
    String tail(int n) {
        String[] lines = text.toString().lines().filter(l -> !l.isBlank()).toArray(String[]::new);
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    private void accept(String line) {
        accept(line, sink);
    }

    private void accept(String line, Consumer<String> to) {
        if (text.length() + line.length() < MAX_CHARS) {
            text.append(line).append('\n');
        }
        if (line.equals("{")) {
            inReport = true;
        }
        if (!inReport && !line.isBlank()) {
            to.accept(line);
        }
        if (line.equals("}")) {
            inReport = false;
        }
    }
}
