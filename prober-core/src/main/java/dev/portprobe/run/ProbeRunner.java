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

/** Plan, resolve, probe, report: one run of a profile. */
public final class ProbeRunner {
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

    private final ProbeEngine engine;
    private final Resolver resolver;
    private final RunOptions options;
    private final RunListener listener;

    public ProbeRunner(ProbeEngine engine, Resolver resolver, RunOptions options, RunListener listener) {
        this.engine = engine;
        this.resolver = resolver;
        this.options = options;
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    /**
     * Runs the plan once in every namespace of the resolver ({@link Resolver#namespaces()}), namespace after namespace;
     * a check that already names its namespace runs only there.
     */
    public Report run(String profileName, List<Check> plan) throws ClusterAccessException, InterruptedException {
        List<Check> checks = inNamespaces(plan, resolver.namespaces());
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
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
        for (int round = 1; ; round++) {
            for (Map.Entry<Check, List<CheckResult>> e : runRound(round, todo).entrySet()) {
                results.put(e.getKey(), e.getValue());
            }
            todo = checks.stream()
                    .filter(c -> results.get(c).stream().anyMatch(CheckResult::failsRun))
                    .toList();
            long left = waitUntil - System.nanoTime();
            if (todo.isEmpty() || left <= 0) {
                break;
            }
            Duration sleep = pause.compareTo(Duration.ofNanos(left)) < 0 ? pause : Duration.ofNanos(left);
            listener.roundFailed(round, todo.size(), checks.size(), sleep, Duration.ofNanos(left));
            Thread.sleep(sleep.toMillis());
            engine.forgetConnections();
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        List<CheckResult> flat = new ArrayList<>(checks.size());
        for (Check c : checks) {
            flat.addAll(results.get(c));
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        List<String> notes = new ArrayList<>(resolver.notes());
        MtlsModeAdvice.of(profileName, flat).ifPresent(notes::add);
        return new Report(profileName, resolver.mode(), resolver.namespace(), startedAt, durationMs, flat, notes);
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

    private Map<Check, List<CheckResult>> runRound(int round, List<Check> checks) throws ClusterAccessException {
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
                    futures.add(probeWithRetries(t.check(), target, options.retries()));
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

    private CompletableFuture<CheckResult> probeWithRetries(Check check, Target target, int retriesLeft) {
        ProbeRequest request = new ProbeRequest(target.host(), target.port(), check.spec(), options.timeout());
        return engine.probe(request).thenCompose(raw -> {
            ProbeOutcome outcome = target.adjust().apply(raw);
            if (!outcome.status().ok() && retriesLeft > 0) {
                return probeWithRetries(check, target, retriesLeft - 1);
            }
            CheckResult result = new CheckResult(check, outcome.status(), Observed.wordOf(outcome.observed()), target.endpoint(),
                    target.pod(), outcome.latencyMs(), outcome.detail(), outcome.hint(), target.drift(), outcome.tls());
            listener.checkDone(result);
            return CompletableFuture.completedFuture(result);
        });
    }
}
