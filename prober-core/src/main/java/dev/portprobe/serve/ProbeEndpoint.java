package dev.portprobe.serve;

import dev.portprobe.outcome.Observed;
import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.DnsOptions;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.TlsOptions;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code /probe}: one check now, on the exporter's engine, answered as metrics once it has a verdict (a failed check is
 * still a 200 whose success metric is 0, as blackbox_exporter answers). Bad parameters are a 400 with a one-line
 * reason; more than {@code maxProbesInFlight} at once a 503. Every answer comes within the check's deadline and a
 * grace period, even when the engine's queue is long.
 */
final class ProbeEndpoint {
    /** Beyond the check's own deadline: time for a check queued behind a round's checks, and for rendering. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private final ProbeEngine engine;
    private final MetricsPage metrics;
    private final Duration maxTimeout;
    private final Semaphore slots;

    ProbeEndpoint(ProbeEngine engine, MetricsPage metrics, Duration maxTimeout, int maxInFlight) {
        this.engine = engine;
        this.metrics = metrics;
        this.maxTimeout = maxTimeout;
        this.slots = new Semaphore(maxInFlight);
    }

    CompletableFuture<Response> handle(Map<String, List<String>> params, HttpHeaders headers, EventExecutor timer) {
        ProbeQuery query;
        try {
            query = ProbeQuery.parse(params, headers.get(ProbeQuery.SCRAPE_TIMEOUT_HEADER), maxTimeout);
        } catch (ProbeQuery.BadQuery e) {
            return CompletableFuture.completedFuture(Response.line(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(Response.line(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "too many probes in flight; try again later"));
        }
        Exposition format = Exposition.negotiate(headers.get(io.netty.handler.codec.http.HttpHeaderNames.ACCEPT));
        CompletableFuture<Response> answer = new CompletableFuture<>();
        var late = timer.schedule(() -> answer.complete(Response.line(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "the probe of " + query.target() + " did not end within "
                                + (query.timeout().plus(GRACE).toMillis()) + " ms (the exporter is busy)")),
                query.timeout().plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((r, e) -> late.cancel(false));
        Check check = check(query);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        CompletableFuture<dev.portprobe.outcome.ProbeOutcome> probed;
        try {
            probed = engine.probe(new ProbeRequest(query.target().host(), query.target().port(), check.spec(),
                    query.timeout()));
        } catch (RuntimeException e) { // the engine closed under us: the exporter is stopping
            slots.release();
            late.cancel(false);
            return CompletableFuture.completedFuture(Response.line(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "the exporter is shutting down"));
        }
        probed.whenComplete((outcome, error) -> {
            slots.release();
            if (outcome == null) {
                answer.complete(Response.line(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + error));
                return;
            }
            CheckResult result = new CheckResult(check, outcome.status(), Observed.wordOf(outcome.observed()),
                    endpoint(query), null, outcome.latencyMs(), outcome.detail(), outcome.hint(), List.of(), outcome.tls());
            Report report = new Report(null, "direct", null, startedAt, (System.nanoTime() - started) / 1_000_000,
                    List.of(result), List.of());
            answer.complete(metrics.renderProbe(report, (System.nanoTime() - started) / 1e9, format));
        });
        return answer;
    }

    private static String endpoint(ProbeQuery q) {
        return q.target().toString();
    }

    private static Check check(ProbeQuery q) {
        PortSpec spec = new PortSpec(q.target().port(), null, null, q.expect(), "", new HttpOptions(q.path(), null),
                new GrpcOptions(null), new TlsOptions(null), null, false, 0, new DnsOptions(null));
        return Check.adHoc(q.target().host(), spec);
    }
}
