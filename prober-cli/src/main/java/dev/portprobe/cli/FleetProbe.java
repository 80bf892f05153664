package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.fleet.CrossJobs;
import dev.portprobe.fleet.FleetRunner;
import dev.portprobe.job.JobRunOptions;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.Fleet;
import dev.portprobe.profile.FleetLoader;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.ClusterRun;
import dev.portprobe.report.Report;
import dev.portprobe.resolve.ExternalServiceResolver;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.run.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code probe --context A --context B} and {@code probe --fleet FILE}: several clusters at once, one report. Every
 * resolver is opened (and every bad input found) before anything is probed; all are closed on every path. A cluster
 * that cannot be reached gets its one line on stderr and exit 3; the others' results are still reported.
 */
final class FleetProbe {
    private final ClusterFlags cluster;
    private final EngineFlags engineFlags;
    private final Outputs outputs;
    private final RunOptions runOptions;
    private boolean crossFromJobs;
    private String crossImage;

    FleetProbe(ClusterFlags cluster, EngineFlags engineFlags, Outputs outputs, RunOptions runOptions) {
        this.cluster = cluster;
        this.engineFlags = engineFlags;
        this.outputs = outputs;
        this.runOptions = runOptions;
    }

    /** {@code --cross-from job}: the cross-cluster checks run from a probe Job in each source cluster. */
    void crossFromJobs(String image) {
        this.crossFromJobs = true;
        this.crossImage = image;
    }

    int run(Terminal terminal, Path fleetFile, String profileName, boolean profileGiven, boolean directAsked,
            boolean filtered) throws Exception {
        if (directAsked) {
            throw new InputException(null, 0, "--target, --targets and --host are for one cluster in direct mode, "
                    + "not for several clusters");
        }
        if (filtered) {
            throw new InputException(null, 0, "--only and --skip are for one cluster: not with several clusters");
        }
        Fleet fleet = fleetFile != null ? fromFile(fleetFile, profileGiven) : fromContexts(profileName);
        outputs.plan();
        var engineOptions = engineFlags.engineOptions();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            List<FleetRunner.Member> members = new ArrayList<>();
            Map<String, String> contexts = new LinkedHashMap<>();
            for (Fleet.Cluster c : fleet.clusters()) {
                List<String> namespaces = c.namespace() != null ? List.of(c.namespace()) : cluster.namespaces;
                Resolver r = cluster.openContext(terminal, c.profile(), c.context(), namespaces, engineFlags.timeout);
                opened.add(r);
                members.add(new FleetRunner.Member(c.name(), c.context(), c.profile().name(), Planner.plan(c.profile()),
                        r));
                contexts.put(c.name(), c.context());
            }
            List<FleetRunner.Crossing> crossings = new ArrayList<>();
            Map<String, List<Fleet.CrossCheck>> byTarget = new LinkedHashMap<>();
            fleet.crossChecks().forEach(x -> byTarget.computeIfAbsent(x.to(), k -> new ArrayList<>()).add(x));
            for (Map.Entry<String, List<Fleet.CrossCheck>> e : byTarget.entrySet()) {
                KubeAccess access = KubeAccess.connect(new KubeOptions(cluster.kubeconfig, contexts.get(e.getKey()),
                        null, engineFlags.timeout));
                Resolver external = new ExternalServiceResolver(access, e.getValue().get(0).namespace());
                opened.add(external);
                crossings.add(new FleetRunner.Crossing(e.getKey(), e.getValue(), contexts, external));
            }
            CrossJobs jobs = crossFromJobs && !crossings.isEmpty()
                    ? crossJobs(terminal, fleet, contexts, opened) : null;
            Report report = new FleetRunner(engineOptions, runOptions, jobs).run(members, crossings);
            outputs.emit(report, terminal);
            for (ClusterRun down : report.clusterErrors()) {
                terminal.error("cluster " + down.name() + ": " + down.error());
            }
            if (report.apiError() != null) {
                terminal.error(report.apiError());
            }
            return report.exitCode();
        } finally {
            for (AutoCloseable c : opened) {
                c.close();
            }
        }
    }

    /**
     * The API of every source cluster of a cross-cluster check, where its probe Job runs (in the cluster's namespace,
     * else its profile's); each is added to {@code opened} so that it is closed on every path.
     */
    private CrossJobs crossJobs(Terminal terminal, Fleet fleet, Map<String, String> contexts,
                                List<AutoCloseable> opened) throws Exception {
        Map<String, KubeAccess> sources = new LinkedHashMap<>();
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (Fleet.Cluster c : fleet.clusters()) {
            boolean source = fleet.crossChecks().stream().anyMatch(x -> x.from().contains(c.name()));
            if (!source) {
                continue;
            }
            KubeAccess access = KubeAccess.connect(new KubeOptions(cluster.kubeconfig, contexts.get(c.name()), null,
                    engineFlags.timeout));
            opened.add(access);
            sources.put(c.name(), access);
            String ns = c.namespace() != null ? c.namespace() : c.profile().namespace();
            namespaces.put(c.name(), ns != null ? ns : "default");
        }
        return new CrossJobs(crossImage, JobRunOptions.defaults(), engineFlags.timeout, sources, namespaces,
                line -> terminal.info("  | " + line));
    }

    private Fleet fromFile(Path file, boolean profileGiven) throws InputException {
        if (!cluster.contexts.isEmpty()) {
            throw new InputException(null, 0, "--fleet names the clusters and their contexts: drop --context");
        }
        if (profileGiven) {
            throw new InputException(null, 0, "--fleet names each cluster's profile: drop -p");
        }
        if (!cluster.namespaces.isEmpty()) {
            throw new InputException(null, 0, "--fleet names each cluster's namespace: drop -n");
        }
        return FleetLoader.load(file);
    }

    /** {@code --context A --context B}: the one profile in every cluster, each named after its context. */
    private Fleet fromContexts(String profileName) throws InputException {
        if ("auto".equals(profileName)) {
            throw new InputException(null, 0, "-p auto probes one cluster: name a profile for several clusters");
        }
        List<String> distinct = cluster.contexts.stream().distinct().toList();
        if (distinct.size() != cluster.contexts.size()) {
            throw new InputException(null, 0, "a --context is given twice: name each cluster once");
        }
        Profile profile = ProfileLoader.resolve(profileName);
        List<Fleet.Cluster> clusters = new ArrayList<>();
        for (String context : distinct) {
            clusters.add(new Fleet.Cluster(context, context, profile, null, 0));
        }
        return new Fleet("--context", clusters, List.of());
    }
}
