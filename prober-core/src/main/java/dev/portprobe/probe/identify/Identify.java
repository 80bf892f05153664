package dev.portprobe.probe.identify;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.net.Dial;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.ProtocolStep;

import dev.portprobe.outcome.Observed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@link ProtocolIdentifier}: every step at once, each on its own connection of the scope; the answer
 * as soon as {@link Precedence} says it is final; else, once every step has ended, the {@link IdentifySummary}, after
 * a second try, one at a time, of the steps a server that dislikes parallel connections turned away.
 */
public final class Identify {
    private static final long BANNER_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /**
     * The run reports by itself this long before the deadline (a tenth of it, at most 300 ms): on a cold JVM the event
     * loops run late while the TLS step sets up, and every step is on the wire at once.
     */
    private static final long MARGIN_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The banner wait, the folders' steps by rank, the TLS step last: it is the slowest to set up (see
     * {@link IdentifyTls}), so the plaintext steps go first.
     */
    private static final List<IdentifyStep> LAUNCH_ORDER = launchOrder();

    private final ProbeScope scope;
    private final long margin;
    private final CompletableFuture<Identification> result = new CompletableFuture<>();
    private final StepResult[] results = new StepResult[IdentifyStep.all().size()];
    private final StepResult[] firstTry = new StepResult[IdentifyStep.all().size()];
    private final Deque<IdentifyStep> retries = new ArrayDeque<>();
    private boolean retried;

    public Identify(ProbeScope scope) {
        this.scope = scope;
        this.margin = Math.min(MARGIN_MAX_NANOS, scope.remainingNanos() / 10);
    }

    /**
     * The windows: the banner wait is short (at most 250 ms). The TLS step gets half of what is left: the first
     * handshake of a cold JVM is slow, and a server that serves one connection at a time and waits for a newline
     * stalls on a ClientHello, so the steps queued behind it must still get their turn. A folder's step gets what its
     * {@link ProtocolStep#windowDivisor()} says: a quarter for the HTTP/2 preface (an HTTP/2 server answers it at
     * once, while some HTTP/1.x servers hold it in silence, and an http answer waits for it), all of it for the GET
     * (it may run a slow handler) and the PING (nothing waits for it).
     */
    public CompletableFuture<Identification> run() {
        scope.phase("identify");
        long left = usable();
        long banner = Math.max(MIN_NANOS, Math.min(BANNER_MAX_NANOS, scope.remainingNanos() / 8));
        for (IdentifyStep step : LAUNCH_ORDER) {
            long window = step == IdentifyStep.BANNER ? banner
                    : step == IdentifyStep.TLS ? Math.max(MIN_NANOS, left / 2)
                    : Math.max(MIN_NANOS, left / step.folderStep().windowDivisor());
            launch(step, window, left);
        }
        for (ProtocolStep ownOnly : IdentifyStep.ownProtocolOnly()) {
            launchOwnOnly(ownOnly, left);
        }
        var atMargin = scope.group().next().schedule(this::reportAtTheMargin, left, TimeUnit.NANOSECONDS);
        result.whenComplete((id, error) -> atMargin.cancel(false));
        return result;
    }

    /**
     * The run's own verdict at its margin, from the steps that ended: a step still running then (the TLS step of a
     * cold engine, whose context build on a loaded machine can outlast the deadline) is left out, and a step being
     * retried keeps its first result. Without it the engine's deadline would strike first and report only "connected,
     * nothing answered" or "no answer", losing what the ended steps showed: a refused connect, a reset.
     */
    private void reportAtTheMargin() {
        Identification answer;
        synchronized (this) {
            if (result.isDone() || noneEnded()) {
                return; // nothing to tell: the engine's deadline reports
            }
            for (IdentifyStep step : IdentifyStep.all()) {
                int i = step.position();
                if (results[i] == null) {
                    results[i] = firstTry[i] != null ? firstTry[i] : StepResult.skipped(step, "still running when time ran out");
                }
            }
            retries.clear();
            answer = answer();
            if (answer == null) {
                answer = IdentifySummary.of(scope.request(), results);
            }
        }
        if (answer.observed() != null) {
            scope.observedSoFar(answer.observed());
        }
        result.complete(answer);
    }

    private static List<IdentifyStep> launchOrder() {
        List<IdentifyStep> order = new ArrayList<>(IdentifyStep.all());
        order.remove(IdentifyStep.TLS);
        order.add(IdentifyStep.TLS);
        return List.copyOf(order);
    }

    /**
     * A folder's step that reads only its own protocol (see {@link ProtocolStep#anyProtocol()}), launched after the
     * others so a server that serves one connection at a time serves them first. Only a recognised reply settles the
     * answer; the summary never waits for it.
     */
    private void launchOwnOnly(ProtocolStep extra, long window) {
        byte[] sent = extra.request(scope.request());
        Exchange exchange = new Exchange(scope, sent, window, extra.cap(), extra::complete)
                .endingBy(System.nanoTime() + window);
        Dial.run(scope, window, exchange).thenAccept(dialed -> {
            dialed.channel().close();
            String detail = dialed.connected() ? extra.recognise(sent, dialed.reply().bytes()) : null;
            if (detail != null) {
                recognised(new Identification(extra.observed(), false, detail + " (" + extra.label() + ")", null));
            }
        });
    }

    private void recognised(Identification answer) {
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
        }
        scope.observedSoFar(answer.observed());
        result.complete(answer);
    }

    private long usable() {
        return Math.max(MIN_NANOS, scope.remainingNanos() - margin);
    }

    private void launch(IdentifyStep step, long window, long connect) {
        IdentifySteps.run(scope, step, window, connect).whenComplete((r, error) ->
                ended(r != null ? r : StepResult.noReply(step, Reply.End.FAILED)));
    }

    private void ended(StepResult r) {
        Identification answer;
        long budget = 0;
        IdentifyStep next = null;
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            StepResult first = firstTry[r.step().position()];
            results[r.step().position()] = first != null && first.quiet() && !r.connected() ? first : r;
            answer = answer();
            if (answer == null) {
                next = nextRetry();
                budget = Math.max(MIN_NANOS, usable() / (retries.size() + 1));
                if (next == null && allEnded()) {
                    answer = IdentifySummary.of(scope.request(), results);
                }
            }
        }
        if (answer != null) {
            if (answer.observed() != null) {
                scope.observedSoFar(answer.observed());
            }
            result.complete(answer);
        } else if (next != null) {
            launch(next, budget, budget);
        }
    }

    /** The final answer, if {@link Precedence} says there is one. Call with the lock held. */
    private Identification answer() {
        StepResult decided = Precedence.decide(results);
        if (decided == null) {
            return null;
        }
        Observed observed = decided.observed() != null ? decided.observed() : Observed.UNKNOWN;
        return new Identification(observed, false, decided.detail(), decided.tls());
    }

    /**
     * The step to try again now, or null. Once every step has ended without an answer, the steps to retry are marked
     * as running again (so that {@link Precedence} waits for them), and run one at a time; when time runs out, those
     * not yet retried keep their first result. Call with the lock held.
     */
    private IdentifyStep nextRetry() {
        if (!retried) {
            if (!allEnded()) {
                return null;
            }
            retried = true;
            for (IdentifyStep step : IdentifySummary.toRetry(results)) {
                retries.add(step);
                firstTry[step.position()] = results[step.position()];
                results[step.position()] = null;
            }
        }
        if (retries.isEmpty()) {
            return null;
        }
        if (scope.isClosed() || scope.remainingNanos() <= margin) {
            for (IdentifyStep step : retries) {
                results[step.position()] = firstTry[step.position()];
            }
            retries.clear();
            return null;
        }
        return retries.poll();
    }

    private boolean noneEnded() {
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null || firstTry[i] != null) {
                return false;
            }
        }
        return true;
    }

    private boolean allEnded() {
        for (StepResult r : results) {
            if (r == null) {
                return false;
            }
        }
        return true;
    }
}
