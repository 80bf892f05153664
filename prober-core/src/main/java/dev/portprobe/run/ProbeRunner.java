package dev.portprobe.run;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Plan, resolve, probe, report: one run of a profile. When the cluster's API fails after the first round has been
 * resolved (a port-forward broken by the API server, or a later {@code --wait} round that cannot list the cluster),
 * the run still returns its report, with the results gathered so far and {@link Report#apiError()} saying what
 * failed; only a failure before anything was gathered throws.
 */
public final class ProbeRunner {
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);
    /** A re-probe round gets at least this much (or the whole timeout, when shorter), or it does not start. */
    private static final Duration MIN_ROUND = Duration.ofMillis(250);

    private final ProbeEngine engine;
    private final Resolver resolver;
    private final RunOptions options;
    private final RunListener listener;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    /** How the runner pauses between rounds; a test's fake clock moves when it sleeps. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public ProbeRunner(ProbeEngine engine, Resolver resolver, RunOptions options, RunListener listener) {
        this(engine, resolver, options, listener, System::nanoTime, d -> Thread.sleep(d.toMillis()));
    }

    ProbeRunner(ProbeEngine engine, Resolver resolver, RunOptions options, RunListener listener, LongSupplier nanoClock,
                Sleeper sleeper) {
        this.engine = engine;
        this.resolver = resolver;
        this.options = options;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /**
     * Runs the plan once in every namespace of the resolver ({@link Resolver#namespaces()}), namespace after namespace;
     * a check that already names its namespace runs only there.
     */
    public Report run(String profileName, List<Check> plan) throws ClusterAccessException, InterruptedException {
        List<Check> checks = inNamespaces(plan, resolver.namespaces());
        Instant startedAt = Instant.now();
        long started = nanoClock.getAsLong();
        long waitUntil = started + options.waitFor().toNanos();
        // Keyed by identity: a Check is a record of records, and hashing each one whole costs more than a
        // 10,000-port sweep's probing does on a warm engine.
        Map<Check, List<CheckResult>> results = new IdentityHashMap<>(checks.size() * 2);
        for (Check c : checks) {
            results.put(c, List.of());
        }
        engine.prepare(checks.stream().map(Check::expected).toList());
        List<Check> todo = checks;
        Duration pause = FIRST_PAUSE;
        String apiError = null;
        long roundDeadline = Long.MAX_VALUE; // the first round is the probe itself; --wait bounds the re-probes
        long minRound = Math.min(options.timeout().toNanos(), MIN_ROUND.toNanos());
        for (int round = 1; ; round++) {
            Map<Check, List<CheckResult>> done;
            try {
                done = runRound(round, todo, roundDeadline);
            } catch (ClusterAccessException e) {
                if (round == 1) {
                    throw e; // nothing gathered yet: the one line is the whole answer
                }
                apiError = e.getMessage() + " (round " + round + " of --wait; the report holds the results of round "
                        + (round - 1) + ")";
                break;
            }
            for (Map.Entry<Check, List<CheckResult>> e : done.entrySet()) {
                results.put(e.getKey(), e.getValue());
            }
            // Every failed check is probed again in the next round, so the last round's API failure is the one
            // whose spoiled results are in the report.
            apiError = resolver.apiFailure();
            todo = checks.stream()
                    .filter(c -> results.get(c).stream().anyMatch(CheckResult::failsRun))
                    .toList();
            long left = waitUntil - nanoClock.getAsLong();
            // a re-probe round starts only with at least minRound before the deadline: the pause gives way to it
            long room = left - minRound;
            if (todo.isEmpty() || room <= 0) {
                break;
            }
            Duration sleep = pause.toNanos() < room ? pause : Duration.ofNanos(room);
            listener.roundFailed(round, todo.size(), checks.size(), sleep, Duration.ofNanos(left));
            sleeper.sleep(sleep);
            roundDeadline = waitUntil;
            engine.forgetConnections();
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        List<CheckResult> flat = new ArrayList<>(checks.size());
        for (Check c : checks) {
            flat.addAll(results.get(c));
        }
        long durationMs = (nanoClock.getAsLong() - started) / 1_000_000;
        List<String> notes = new ArrayList<>(resolver.notes());
        MtlsModeAdvice.of(profileName, flat).ifPresent(notes::add);
        return new Report(profileName, resolver.mode(), resolver.namespace(), startedAt, durationMs, flat, notes,
                apiError);
    }

    /** Each check without a namespace once per namespace, grouped by namespace; the plan itself when there is none. */
    static List<Check> inNamespaces(List<Check> plan, List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return plan;
        }
        List<Check> placed = new ArrayList<>(plan.size() * namespaces.size());
        for (String ns : namespaces) {
            for (Check c : plan) {
                if (c.namespace() == null) {
                    placed.add(c.inNamespace(ns));
                } else if (c.namespace().equals(ns)) {
                    placed.add(c);
                }
            }
        }
        for (Check c : plan) {
            if (c.namespace() != null && !namespaces.contains(c.namespace())) {
                placed.add(c);
            }
        }
        return placed;
    }

    /** @param deadline clock reading by which every probe of the round (retries included) must end */
    private Map<Check, List<CheckResult>> runRound(int round, List<Check> checks, long deadline)
            throws ClusterAccessException {
        List<Resolution> resolutions = resolver.resolveAll(checks);
        listener.roundStarted(round, resolutions.stream()
                .mapToInt(r -> r instanceof Resolution.Targets t ? t.targets().size() : 1).sum());
        Map<Check, List<CompletableFuture<CheckResult>>> pending = new IdentityHashMap<>(checks.size() * 2);
        for (Resolution resolution : resolutions) {
            List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
            if (resolution instanceof Resolution.Finding f) {
                CheckResult unprobed = CheckResult.unprobed(f.check(), f.status(), f.detail(), f.hint());
                listener.checkDone(unprobed);
                futures.add(CompletableFuture.completedFuture(unprobed));
            } else if (resolution instanceof Resolution.Targets t) {
                for (Target target : t.targets()) {
                    futures.add(probeWithRetries(t.check(), target, options.retries(), deadline));
                }
            }
            pending.put(resolution.check(), futures);
        }
        Map<Check, List<CheckResult>> out = new IdentityHashMap<>(checks.size() * 2);
        for (Map.Entry<Check, List<CompletableFuture<CheckResult>>> e : pending.entrySet()) {
            out.put(e.getKey(), e.getValue().stream().map(CompletableFuture::join).toList());
        }
        return out;
    }

    /** The check's timeout, cut to what is left before {@code deadline} (at least a millisecond). */
    private Duration timeoutBefore(long deadline) {
        if (deadline == Long.MAX_VALUE) {
            return options.timeout();
        }
        long left = Math.max(1_000_000L, deadline - nanoClock.getAsLong());
        return left < options.timeout().toNanos() ? Duration.ofMillis(left / 1_000_000L) : options.timeout();
    }

    private CompletableFuture<CheckResult> probeWithRetries(Check check, Target target, int retriesLeft, long deadline) {
        ProbeRequest request = new ProbeRequest(target.host(), target.port(), check.spec(), timeoutBefore(deadline),
                target.pathFailure());
        return engine.probe(request).thenCompose(raw -> {
            ProbeOutcome outcome = target.adjust().apply(raw);
            if (!outcome.status().ok() && retriesLeft > 0 && deadline - nanoClock.getAsLong() > 0) {
                return probeWithRetries(check, target, retriesLeft - 1, deadline);
            }
            CheckResult result = new CheckResult(check, outcome.status(), Observed.wordOf(outcome.observed()), target.endpoint(),
                    target.pod(), outcome.latencyMs(), outcome.detail(), outcome.hint(), target.drift(), outcome.tls(),
                    outcome.phases());
            listener.checkDone(result);
            return CompletableFuture.completedFuture(result);
        });
    }
}
