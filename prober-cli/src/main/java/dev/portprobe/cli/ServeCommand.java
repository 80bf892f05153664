package dev.portprobe.cli;

import dev.portprobe.HostPort;
import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.RunOptions;
import dev.portprobe.serve.Exporter;
import dev.portprobe.serve.ServeOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portprobe serve}: the exporter. It runs until SIGTERM (or SIGINT), then stops within a bound: a JVM shutdown
 * hook asks this command to stop, waits for it (the round in flight ends or is abandoned, the HTTP server and the
 * event loops close), and ends the process with exit code 0. Log lines go to stderr; stdout stays empty.
 */
@Command(name = "serve", sortOptions = false,
        description = "Probe the profile every --interval and serve the results as Prometheus metrics "
                + "(/metrics, /probe?target=HOST:PORT&expect=PROTOCOL, /-/healthy, /-/ready).")
final class ServeCommand extends TerminalCommand {
    @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE", description = "built-in profile or YAML file (default: ${DEFAULT-VALUE})")
    String profile = "gloo-mesh-enterprise";

    @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "where to serve HTTP (default: ${DEFAULT-VALUE}; 0.0.0.0:9779 in a pod)")
    String listen = "127.0.0.1:" + ServeOptions.DEFAULT_PORT;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "pause between the end of a round and the start of the next (default: 30s)")
    Duration interval = ServeOptions.DEFAULT_INTERVAL;

    @Mixin
    ClusterFlags cluster;

    @Mixin
    SelectionFlags selection;

    @Option(names = "--retries", paramLabel = "N", description = "extra attempts for a check that is not OK (default: 0)")
    int retries;

    @Mixin
    EngineFlags engineFlags;

    @Override
    public Integer call() throws Exception {
        if (retries < 0 || retries > 100) {
            throw new InputException(null, 0, "--retries must be from 0 to 100");
        }
        InetSocketAddress address = listenAddress(listen);
        Profile loaded = ProfileLoader.resolve(profile);
        List<Check> planned = Planner.plan(loaded);
        List<Check> checks = selection.filter().apply(planned);
        var engineOptions = engineFlags.engineOptions();
        var targets = selection.targets();
        Targets.requireKnown(targets, planned);
        RunOptions runOptions = new RunOptions(engineFlags.timeout, retries, Duration.ZERO);
        ServeOptions options = ServeOptions.of(address, interval, engineFlags.timeout);
        CountDownLatch stopAsked = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> onSignal(stopAsked, stopped, runOptions), "portprobe-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean served = false;
        try (Resolver resolver = cluster.open(terminal, loaded, targets, selection.host, engineFlags.timeout);
             ProbeEngine engine = new ProbeEngine(engineOptions)) {
            Exporter exporter;
            try {
                exporter = Exporter.start(engine, resolver, loaded.name(), checks, runOptions, options,
                        cluster.context(), this::log);
            } catch (IOException e) {
                throw new InputException(null, 0, "--listen " + listen + ": cannot listen there: " + e.getMessage());
            }
            log("serving http://" + new HostPort(exporter.address().getAddress().getHostAddress(), exporter.address().getPort()) + "/metrics: profile " + loaded.name() + ", "
                    + checks.size() + " checks, mode " + resolver.mode() + ", every " + words(interval));
            served = true;
            stopAsked.await();
            log("stopping: the round in flight gets " + words(exporter.roundBound()) + " to end");
            if (!exporter.stop()) {
                log("the round in flight did not end within " + words(exporter.roundBound()) + "; abandoned");
            }
        } finally {
            if (served) {
                // logged before the count-down: on SIGTERM the hook halts the JVM as soon as it sees it
                log("stopped");
            }
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is what called for the stop
            }
        }
        return Cli.OK;
    }

    /**
     * The shutdown hook: asks {@link #call} to stop, waits for it to close everything (within the round's bound and
     * some), and ends the process with 0. Without the halt the JVM would end with 143 (128 + SIGTERM), and
     * {@code Main}'s own {@code System.exit} would block, since the JVM is already shutting down.
     */
    private void onSignal(CountDownLatch stopAsked, CountDownLatch stopped, RunOptions run) {
        stopAsked.countDown();
        boolean done;
        try {
            done = stopped.await(run.timeout().multipliedBy(4 + run.retries()).plusSeconds(15).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            done = false;
        }
        terminal.out().flush();
        terminal.err().flush();
        Runtime.getRuntime().halt(done ? Cli.OK : Cli.CRASH);
    }

    private void log(String line) {
        terminal.info(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + Terminal.oneLine(line));
    }

    static InetSocketAddress listenAddress(String text) throws InputException {
        // port 0 asks for any free port (the log line names it); HostPort itself takes 1..65535
        boolean anyPort = text != null && text.endsWith(":0");
        HostPort hp;
        try {
            hp = HostPort.parse(anyPort ? text.substring(0, text.length() - 1) + "1" : text);
        } catch (InputException e) {
            throw new InputException(null, 0, "--listen " + e.getMessage());
        }
        InetSocketAddress a = new InetSocketAddress(hp.host(), anyPort ? 0 : hp.port());
        if (a.isUnresolved()) {
            throw new InputException(null, 0, "--listen '" + text + "': cannot resolve " + hp.host());
        }
        return a;
    }

    private static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
