package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.job.Fanout;
import dev.portprobe.job.JobManifests;
import dev.portprobe.job.JobSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ProfileWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "job", description = "Render or run portprobe as a Job inside the cluster.",
        subcommands = {JobCommand.Render.class, JobRunCommand.class})
final class JobCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "job needs a subcommand: render or run");
    }

    /** What the Job runs: the profile, the namespaces, the image and extra probe flags. */
    static final class JobFlags {
        static final String IMAGE_ENV = "PORTPROBE_IMAGE";

        @Option(names = {"-p", "--profile"}, paramLabel = "NAME|FILE", description = "profile (default: ${DEFAULT-VALUE})")
        String profile = "gloo-mesh-enterprise";

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
                description = "namespace to probe (repeat for several; default: the profile's)")
        List<String> namespaces = new ArrayList<>();

        @Option(names = "--image", paramLabel = "IMAGE", description = "container image (default: $" + IMAGE_ENV
                + ", else " + JobSpec.DEFAULT_IMAGE + ", the tag of the image mvn -Pdist package builds)")
        String image;

        @Option(names = "--name", paramLabel = "NAME", description = "name of the Job and its RBAC objects (default: portprobe)")
        String name = JobSpec.DEFAULT_NAME;

        @Option(names = "--job-namespace", paramLabel = "NS", description = "where the Job runs (default: the first -n)")
        String jobNamespace;

        @Option(names = "--per-node", description = "one probe pod on each schedulable node, pinned to it; the reports"
                + " are merged into a node x port matrix")
        boolean perNode;

        @Option(names = "--host-network", description = "with --per-node: probe from the node's own network (hostNetwork;"
                + " the namespace must allow it: Pod Security level privileged)")
        boolean hostNetwork;

        @Option(names = "--shards", paramLabel = "N", description = "an Indexed Job of N pods, each probing its share of"
                + " the checks; the logs are merged into one report")
        Integer shards;

        @Parameters(paramLabel = "-- PROBE-FLAGS", description = "more probe flags for the Job, after --, e.g. -- --wait 2m")
        List<String> extra = new ArrayList<>();

        /** The image: --image, else $PORTPROBE_IMAGE, else the default (null). */
        String image(java.util.Map<String, String> env) {
            if (image != null) {
                return image;
            }
            String fromEnv = env.get(IMAGE_ENV);
            return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }

        /** The flags' own checks, before anything is read: exit 2 on a bad combination. */
        void checkFanout() throws InputException {
            if (shards != null && (shards < 1 || shards > dev.portprobe.plan.Shard.MAX)) {
                throw new InputException("--shards", 0, "must be from 1 to " + dev.portprobe.plan.Shard.MAX + ", not "
                        + shards);
            }
            if (perNode && shards != null) {
                throw new InputException(null, 0, "--per-node and --shards cannot be combined: a per-node run has one"
                        + " pod per node already");
            }
            if (hostNetwork && !perNode) {
                throw new InputException("--host-network", 0, "needs --per-node");
            }
        }

        JobSpec spec(java.util.Map<String, String> env) throws InputException {
            checkFanout();
            checkProbeFlags(extra);
            Profile loaded = ProfileLoader.resolve(profile);
            List<String> ns = namespaces.isEmpty() && loaded.namespace() != null ? List.of(loaded.namespace()) : namespaces;
            boolean builtin = ProfileLoader.builtinNames().contains(profile);
            try {
                JobSpec spec = JobSpec.of(builtin ? profile : loaded.name(), ns)
                        .withName(name)
                        .withImage(image(env))
                        .withJobNamespace(jobNamespace)
                        .withWorkloadRead(JobSpec.needsWorkloadRead(loaded))
                        .withExtraArgs(extra);
                return builtin ? spec : spec.withProfileYaml(ProfileWriter.toYaml(loaded));
            } catch (IllegalArgumentException e) {
                throw new InputException(null, 0, e.getMessage());
            }
        }
    }

    /** The flags after --, parsed by the probe command's own parser: a flag it would refuse never reaches the Job. */
    static void checkProbeFlags(List<String> flags) throws InputException {
        picocli.CommandLine probe = new picocli.CommandLine(new ProbeCommand());
        probe.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            probe.parseArgs(flags.toArray(String[]::new));
        } catch (picocli.CommandLine.ParameterException e) {
            throw new InputException(null, 0, "probe flags after --: " + e.getMessage());
        }
    }

    @Command(name = "render", description = "Print the ServiceAccount, RBAC and Job that run portprobe in-cluster.")
    static final class Render extends TerminalCommand {

        @picocli.CommandLine.Mixin
        JobFlags flags;

        @Option(names = "--node", paramLabel = "NAME", description = "with --per-node: a node to render a Job for"
                + " (repeatable; job run lists the schedulable nodes itself)")
        List<String> nodes = new ArrayList<>();

        @Option(names = "--no-backoff-limit-per-index", description = "with --shards: leave out backoffLimitPerIndex"
                + " (for Kubernetes before 1.29), so that no shard is retried")
        boolean noPerIndex;

        @Override
        public Integer call() throws Exception {
            JobSpec spec = flags.spec(terminal.env());
            Fanout fanout;
            try {
                fanout = fanout();
            } catch (IllegalArgumentException e) {
                throw new InputException(null, 0, e.getMessage());
            }
            terminal.out().print(JobManifests.toYaml(JobManifests.render(spec, fanout)));
            terminal.out().flush();
            return Cli.OK;
        }

        private Fanout fanout() throws InputException {
            if (!nodes.isEmpty() && !flags.perNode) {
                throw new InputException("--node", 0, "needs --per-node");
            }
            if (flags.perNode) {
                if (nodes.isEmpty()) {
                    throw new InputException("--per-node", 0, "job render needs the nodes to render a Job for:"
                            + " --node NAME (repeat it; kubectl get nodes lists them)");
                }
                return Fanout.perNode(nodes.stream().distinct().sorted().toList(), flags.hostNetwork);
            }
            return flags.shards == null ? Fanout.SINGLE : Fanout.sharded(flags.shards, !noPerIndex);
        }
    }
}
