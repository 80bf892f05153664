package dev.portprobe.cli;

import dev.portprobe.job.JobOutcome;
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

    @Mixin
    Outputs outputs;

    @Override
    public Integer call() throws Exception {
        JobSpec spec = flags.spec(terminal.env());
        outputs.plan();
        try (KubeAccess access = KubeAccess.connect(new KubeOptions(kubeconfig, context, null, API_TIMEOUT));
             JobRunner runner = new JobRunner(access, new JobRunOptions(timeout, keep, null),
                     line -> terminal.info("  | " + line))) {
            runner.closeOnShutdown();
            JobOutcome outcome = runner.run(spec);
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
}
