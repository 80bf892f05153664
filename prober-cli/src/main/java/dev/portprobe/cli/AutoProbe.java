package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.detect.Detection;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code probe -p auto}: detect the built-in profiles that apply (as {@code detect} does), then probe each in the
 * namespace it was found in, one after the other on one engine, and render one report whose {@code profile} lists
 * them ("istio,kubernetes-core"); every result names its namespace.
 */
final class AutoProbe {
    static final String NAME = "auto";

    private final ClusterFlags cluster;
    private final EngineFlags engineFlags;
    private final Outputs outputs;
    private final RunOptions runOptions;

    AutoProbe(ClusterFlags cluster, EngineFlags engineFlags, Outputs outputs, int retries, Duration waitFor) {
        this.cluster = cluster;
        this.engineFlags = engineFlags;
        this.outputs = outputs;
        this.runOptions = new RunOptions(engineFlags.timeout, retries, waitFor);
    }

    int run(Terminal terminal, boolean directAsked, boolean filtered) throws Exception {
        if (directAsked) {
            throw new InputException(null, 0, "-p auto reads the cluster: --target, --targets and --host are for one profile");
        }
        if (!cluster.namespaces.isEmpty()) {
            throw new InputException(null, 0, "-p auto probes each profile in the namespace detect found it in: drop -n");
        }
        if (filtered) {
            throw new InputException(null, 0, "--only and --skip name checks of one profile: not with -p auto");
        }
        outputs.plan();
        List<Detection> found = DetectCommand.detect(cluster.kubeOptions(engineFlags.timeout));
        if (found.isEmpty()) {
            throw new InputException(null, 0, "-p auto: no built-in profile applies to this cluster "
                    + "(portprobe detect says what it looks for)");
        }
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        String mode = null;
        try (ProbeEngine engine = new ProbeEngine(engineFlags.engineOptions());
             Progress progress = new Progress(terminal, outputs.verbose)) {
            for (Detection d : found) {
                Profile profile = ProfileLoader.builtin(d.profile());
                try (Resolver resolver = cluster.openIn(terminal, profile, d.namespace(), engineFlags.timeout)) {
                    Report one = new ProbeRunner(engine, resolver, runOptions, progress).run(profile.name(),
                            Planner.plan(profile));
                    results.addAll(one.results());
                    notes.addAll(one.notes());
                    mode = one.mode();
                }
            }
            progress.close();
        }
        String names = found.stream().map(Detection::profile).distinct().collect(Collectors.joining(","));
        Report report = new Report(names, mode, null, started, (System.nanoTime() - start) / 1_000_000, results,
                List.copyOf(notes));
        outputs.emit(report, terminal);
        return report.exitCode();
    }
}
