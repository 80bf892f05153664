package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.job.ClusterVersion;
import dev.portprobe.job.Fanout;
import dev.portprobe.job.JobOutcome;
import dev.portprobe.job.NodeSelection;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.job.JobRunOptions;
import dev.portprobe.job.JobRunner;
import dev.portprobe.job.JobSpec;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", sortOptions = false,
        description = "Create the Job, wait for it, print its report, delete what was created, exit with its code.")
final class JobRunCommand extends TerminalCommand {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    JobCommand.JobFlags flags;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context")
    String context;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "how long to wait for the Job (default: 5m)")
    Duration timeout = JobRunOptions.DEFAULT_TIMEOUT;

    @Option(names = "--keep", description = "keep the Job and its RBAC objects afterwards")
    boolean keep;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE", description = "with --per-node: only nodes with"
            + " these labels (repeatable)")
    java.util.Map<String, String> nodeSelector = new java.util.LinkedHashMap<>();

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() throws Exception {
        JobSpec spec = flags.spec(terminal.env());
        if (!nodeSelector.isEmpty() && !flags.perNode) {
            throw new InputException("--node-selector", 0, "needs --per-node");
        }
        outputs.plan();
        try (KubeAccess access = KubeAccess.connect(new KubeOptions(kubeconfig, context, null, API_TIMEOUT));
             JobRunner runner = new JobRunner(access, new JobRunOptions(timeout, keep, null),
                     line -> terminal.info("  | " + line))) {
            runner.closeOnShutdown();
            JobOutcome outcome = runner.run(spec, fanout(access));
            if (outcome.report() != null) {
                outputs.emit(outcome.report(), terminal);
                if (outcome.report().apiError() != null) {
                    terminal.error(outcome.report().apiError());
                }
            } else {
                terminal.error(outcome.message());
            }
            return outcome.exitCode();
        }
    }

    /**
     * The nodes of --per-node (listed with the caller's credentials: list nodes), or the shards, with
     * backoffLimitPerIndex when the API server is 1.29 or newer.
     */
    private Fanout fanout(KubeAccess access) throws InputException, ClusterAccessException {
        if (flags.perNode) {
            NodeSelection selection = NodeSelection.list(access, nodeSelector);
            for (String skipped : selection.skipped()) {
                terminal.info("skipping node " + skipped);
            }
            if (selection.nodes().isEmpty()) {
                throw new InputException("--per-node", 0, "no schedulable node" + (nodeSelector.isEmpty() ? ""
                        : " matches --node-selector " + nodeSelector) + (selection.skipped().isEmpty() ? ""
                        : " (skipped: " + String.join("; ", selection.skipped()) + ")"));
            }
            return Fanout.perNode(selection.nodes(), flags.hostNetwork);
        }
        if (flags.shards != null) {
            boolean perIndex = ClusterVersion.supportsBackoffLimitPerIndex(access);
            if (!perIndex) {
                terminal.info("the API server is older than 1.29: no backoffLimitPerIndex, a failed shard is not retried");
            }
            return Fanout.sharded(flags.shards, perIndex);
        }
        return Fanout.SINGLE;
    }
}
