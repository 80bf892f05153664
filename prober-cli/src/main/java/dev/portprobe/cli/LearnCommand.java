package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.learn.Drafts;
import dev.portprobe.learn.Learner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.Names;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileWriter;
import dev.portprobe.resolve.ClusterResolvers;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.resolve.LiveInventory;
import dev.portprobe.resolve.LiveInventoryReader;
import dev.portprobe.resolve.ModeSelector;
import dev.portprobe.resolve.ModeSelector.Mode;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.ServiceAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "learn", sortOptions = false,
        description = "Learn a profile from a healthy install: list its Services and the workloads behind them, "
                + "identify what answers on every port, and write the table (YAML on stdout without --out).")
final class LearnCommand extends TerminalCommand {

    @Mixin
    ClusterFlags cluster;

    @Mixin
    EngineFlags engineFlags;

    @Option(names = {"-l", "--selector"}, paramLabel = "KEY=VALUE", split = ",",
            description = "only Services (and workloads) with these labels; repeat or comma-separate")
    List<String> selector = new ArrayList<>();

    @Option(names = "--name", paramLabel = "N", description = "profile name (default: learned)")
    String name = "learned";

    @Option(names = "--out", paramLabel = "FILE", description = "write the profile to FILE (whole or not at all)")
    Path out;

    @Option(names = {"-v", "--verbose"}, description = "print each port as it is learned")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Map<String, String> labels = labels(selector);
        if (!Names.isName(name)) {
            throw new InputException(null, 0, "--name: '" + name + "' is not a valid profile name (lower case letters, digits and dashes)");
        }
        var engineOptions = engineFlags.engineOptions();
        Map<String, String> env = terminal.env();
        ServiceAccount account = ServiceAccount.fromEnvironment(env);
        Mode mode = ModeSelector.select(Mode.fromId(cluster.mode),
                new ModeSelector.Inputs(cluster.kubeconfig, env, account, false));
        if (cluster.perEndpoint) {
            throw new InputException(null, 0, "learn learns each port on one ready pod; --per-endpoint is for probe");
        }
        if (mode == Mode.DIRECT) {
            throw new InputException(null, 0, "learn reads the cluster: use --mode port-forward or in-cluster");
        }
        if (mode == Mode.IN_CLUSTER && !account.present()) {
            throw new InputException(null, 0, "learn --mode in-cluster lists the cluster through a mounted service "
                    + "account, and none is mounted here: use --mode port-forward");
        }
        KubeOptions options = cluster.kubeOptions(engineFlags.timeout);
        List<LiveInventory> inventories = new ArrayList<>();
        List<String> namespaces;
        try (KubeAccess access = mode == Mode.IN_CLUSTER
                ? KubeAccess.inCluster(account, options) : KubeAccess.connect(options)) {
            namespaces = cluster.namespaces.isEmpty() ? List.of(access.namespaceFor(null))
                    : cluster.namespaces.stream().distinct().toList();
            LiveInventoryReader reader = new LiveInventoryReader(access);
            for (String ns : namespaces) {
                inventories.add(reader.read(ns, labels));
            }
        }
        Profile draft = Drafts.draft(name, inventories);
        if (draft.services().isEmpty() && draft.workloads().isEmpty()) {
            throw new InputException(null, 0, "nothing to learn: no Service and no container port in "
                    + String.join(", ", namespaces) + (labels.isEmpty() ? "" : " with labels " + String.join(",", selector)));
        }
        Learner.Result result;
        try (Resolver resolver = ClusterResolvers.open(mode, options, namespaces, draft, false,
                cluster.clusterDomain, env);
             ProbeEngine engine = new ProbeEngine(engineOptions);
             Progress progress = new Progress(terminal, verbose)) {
            result = new Learner(engine, engineFlags.timeout, portsAtOnce(mode), progress).learn(draft, inventories, resolver);
        }
        List<String> header = List.of("learned by portprobe learn from " + String.join(", ", namespaces)
                + " (" + mode.id() + ")");
        String yaml = ProfileWriter.toYaml(result.profile(), header, result::comment);
        if (out != null) {
            AtomicFiles.write(out, yaml);
            terminal.info("wrote " + out);
        } else {
            terminal.out().print(yaml);
            terminal.out().flush();
        }
        return Cli.OK;
    }

    /**
     * Ports learned at once: a port takes up to about a dozen connections at a time (the identifier's steps, then the
     * health paths), so --concurrency / 12; through a port-forward each is a websocket to the API server, so at most 4.
     */
    private int portsAtOnce(Mode mode) {
        int byConcurrency = Math.max(1, engineFlags.concurrency / 12);
        return mode == Mode.PORT_FORWARD ? Math.min(4, byConcurrency) : byConcurrency;
    }

    private static Map<String, String> labels(List<String> pairs) throws InputException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || p.indexOf('=', eq + 1) >= 0) {
                throw new InputException(null, 0, "--selector takes KEY=VALUE, not '" + p + "'");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

}
