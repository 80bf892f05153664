package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Shard;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.ProbeRunner;
import dev.portprobe.run.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "probe", sortOptions = false,
        description = "Resolve every Service and workload of a profile and probe each port with its protocol.")
final class ProbeCommand extends TerminalCommand {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE", description = "built-in profile, YAML file, or auto: every profile that detect finds (default: ${DEFAULT-VALUE})")
    String profile = "gloo-mesh-enterprise";

    @Mixin
    ClusterFlags cluster;

    @Option(names = "--fleet", paramLabel = "FILE",
            description = "fleet file: several clusters, each with its context, profile and namespace, and the "
                    + "cross-cluster checks between them, in one report")
    Path fleetFile;

    @Option(names = "--cross-from", paramLabel = "local|job",
            description = "--fleet: dial the cross-cluster checks from this machine (local, the default) or from a "
                    + "probe Job in each source cluster (job)")
    String crossFrom = "local";

    @Option(names = "--cross-image", paramLabel = "IMAGE",
            description = "--cross-from job: the probe image the source clusters run (default: "
                    + dev.portprobe.job.JobSpec.DEFAULT_IMAGE + ")")
    String crossImage;

    @Mixin
    SelectionFlags selection;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", description = "probe only this share of the checks"
            + " (check i belongs to shard i %% COUNT in plan order); job run --shards sets it per pod")
    String shard;

    @Option(names = "--retries", paramLabel = "N", description = "extra attempts for a check that is not OK (default: 0)")
    int retries;

    @Option(names = "--wait", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "re-probe failed checks until all pass or DURATION runs out (smoke tests after an install)")
    Duration waitFor = Duration.ZERO;

    @Mixin
    EngineFlags engineFlags;

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() throws Exception {
        if (retries < 0 || retries > 100) {
            throw new InputException(null, 0, "--retries must be from 0 to 100");
        }
        if (!"local".equals(crossFrom) && !"job".equals(crossFrom)) {
            throw new InputException("--cross-from", 0, "is local or job, not '" + crossFrom + "'");
        }
        if (crossImage != null && !"job".equals(crossFrom)) {
            throw new InputException("--cross-image", 0, "goes with --cross-from job");
        }
        if ("job".equals(crossFrom) && fleetFile == null) {
            throw new InputException("--cross-from", 0, "job is for the cross-cluster checks of a --fleet file");
        }
        if (fleetFile != null || cluster.contexts.size() > 1) {
            boolean directAsked = selection.direct();
            FleetProbe fleet = new FleetProbe(cluster, engineFlags, outputs, new RunOptions(engineFlags.timeout,
                    retries, waitFor));
            if ("job".equals(crossFrom)) {
                fleet.crossFromJobs(crossImage);
            }
            return fleet.run(terminal, fleetFile, profile, spec.commandLine().getParseResult().hasMatchedOption("-p"),
                    directAsked, selection.filtered());
        }
        if (AutoProbe.NAME.equals(profile)) {
            if (shard != null) {
                throw new InputException("--shard", 0, "needs one profile, not -p " + AutoProbe.NAME);
            }
            return new AutoProbe(cluster, engineFlags, outputs, retries, waitFor)
                    .run(terminal, selection.direct(), selection.filtered());
        }
        Profile loaded = ProfileLoader.resolve(profile);
        List<Check> planned = Planner.plan(loaded);
        List<Check> checks = selection.filter().apply(planned);
        if (shard != null) {
            checks = Shard.parse(shard).apply(checks);
        }
        outputs.plan();
        var engineOptions = engineFlags.engineOptions();
        var targets = selection.targets();
        Targets.requireKnown(targets, planned);
        RunOptions runOptions = new RunOptions(engineFlags.timeout, retries, waitFor);
        try (Resolver resolver = cluster.open(terminal, loaded, targets, selection.host, engineFlags.timeout);
             ProbeEngine engine = new ProbeEngine(engineOptions);
             Progress progress = new Progress(terminal, outputs.verbose)) {
            Report report = new ProbeRunner(engine, resolver, runOptions, progress)
                    .run(loaded.name(), checks);
            progress.close(); // the report starts on a clean line
            outputs.emit(report, terminal);
            if (report.apiError() != null) {
                terminal.error(report.apiError());
            }
            return report.exitCode();
        }
    }
}
