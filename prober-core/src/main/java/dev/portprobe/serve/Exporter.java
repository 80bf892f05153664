package dev.portprobe.serve;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunListener;
import dev.portprobe.run.RunOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code portprobe serve}: runs the profile every interval on the caller's engine and resolver, and serves the latest
 * results over HTTP until {@link #close}. The caller owns the engine and the resolver and closes them after this.
 */
public final class Exporter implements AutoCloseable {
    private final Scoreboard board;
    private final RoundScheduler scheduler;
    private final HttpServer server;
    private final Duration roundBound;

    private Exporter(Scoreboard board, RoundScheduler scheduler, HttpServer server, Duration roundBound) {
        this.board = board;
        this.scheduler = scheduler;
        this.server = server;
        this.roundBound = roundBound;
    }

    /**
     * Binds the HTTP server (a bind failure throws, and nothing is left running), then starts the rounds.
     *
     * @param cluster the {@code cluster} label of every series (the kube context), or null
     * @param log     one line per event worth a log line (a round's API failure, and its recovery)
     */
    public static Exporter start(ProbeEngine engine, Resolver resolver, String profile, List<Check> checks,
                                 RunOptions run, ServeOptions options, String cluster, Consumer<String> log)
            throws IOException {
        Scoreboard board = new Scoreboard(cluster);
        MetricsPage page = new MetricsPage(cluster);
        ProbeEndpoint probe = new ProbeEndpoint(engine, page, options.probeTimeout(), options.maxProbesInFlight());
        HttpServer server = HttpServer.start(options, new Routes(board, page, probe));
        RunOptions oneRound = new RunOptions(run.timeout(), run.retries(), Duration.ZERO);
        RoundScheduler scheduler = new RoundScheduler(
                () -> new ProbeRunner(engine, resolver, oneRound, RunListener.NONE).run(profile, checks),
                board, options.interval(), log);
        scheduler.start();
        return new Exporter(board, scheduler, server, roundBound(run));
    }

    /**
     * How long an in-flight round may take to end once asked to stop: its probes (each within the timeout, once per
     * attempt) and its API calls (retried within about twice the timeout plus 2 s), with 2 s to spare.
     */
    static Duration roundBound(RunOptions run) {
        long waves = 1 + run.retries();
        return run.timeout().multipliedBy(2 + waves).plusSeconds(4);
    }

    /** The address the HTTP server listens on (the port chosen when port 0 was asked). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** Rounds completed so far. */
    public long rounds() {
        return board.snapshot().rounds();
    }

    /** The bound {@link #close()} gives the round in flight. */
    public Duration roundBound() {
        return roundBound;
    }

    /**
     * Stops: no round starts after this, the round in flight ends within {@link #roundBound()} (or is abandoned), and
     * the HTTP server stops accepting, closes its connections and ends its event loop.
     *
     * @return true when the round in flight (if any) ended within the bound
     */
    public boolean stop() throws InterruptedException {
        try {
            return scheduler.stop(roundBound);
        } finally {
            server.close();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
        }
    }
}
