package dev.portprobe.learn;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.plan.Planner;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.TlsOptions;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.reftable.ProtocolRules;
import dev.portprobe.report.CheckResult;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.LiveInventory;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.Target;
import dev.portprobe.run.RunListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One learn run: the draft's checks, placed in every namespace of the resolver and resolved as {@code probe}
 * resolves them (one pod per check), each port learned at once within the timeout, the rows rewritten with what
 * answered. A check the resolver could not reach (a Service without a ready endpoint) is written {@code tcp},
 * {@code optional}, with the resolver's finding as its comment.
 */
public final class Learner {
    private final ProbeEngine engine;
    private final Duration timeout;
    private final RunListener listener;
    private final int portsAtOnce;
    private final java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
    private int inFlight;

    /**
     * The learned profile, and the comment of each port row that could not be identified (keyed by identity: a
     * row is a value, and two rows may be equal).
     */
    public record Result(Profile profile, Map<PortSpec, String> comments) {
        public String comment(PortSpec row) {
            return comments.get(row);
        }
    }

    /**
     * @param portsAtOnce ports learned at once: each opens several connections at a time (the identifier's steps, then
     *                    the health paths or names), and through a port-forward each connection is a websocket to the
     *                    API server, so this bounds the load a run puts on it. A port's timeout starts when it does.
     */
    public Learner(ProbeEngine engine, Duration timeout, int portsAtOnce, RunListener listener) {
        this.engine = engine;
        this.timeout = timeout;
        this.portsAtOnce = Math.max(1, portsAtOnce);
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    public Result learn(Profile draft, List<LiveInventory> inventories, Resolver resolver) throws ClusterAccessException {
        List<Check> checks = new ArrayList<>();
        List<String> namespaces = resolver.namespaces();
        for (Check c : Planner.plan(draft)) {
            if (namespaces.isEmpty()) {
                checks.add(c);
            }
            namespaces.forEach(ns -> checks.add(c.inNamespace(ns)));
        }
        List<Resolution> resolutions = resolver.resolveAll(checks);
        listener.roundStarted(1, resolutions.size());
        boolean forwarded = resolver.mode().equals("port-forward");
        Map<String, List<CompletableFuture<Learned>>> byRow = new LinkedHashMap<>();
        for (Resolution r : resolutions) {
            byRow.computeIfAbsent(key(r.check()), k -> new ArrayList<>()).add(learn(r, inventories, forwarded));
        }
        Map<String, Learned> learned = new LinkedHashMap<>();
        byRow.forEach((key, futures) -> {
            List<Learned> all = futures.stream().map(CompletableFuture::join).toList();
            learned.put(key, all.stream().filter(l -> l.status().ok()).findFirst().orElse(all.get(0)));
        });
        return rewrite(draft, learned);
    }

    private CompletableFuture<Learned> learn(Resolution r, List<LiveInventory> inventories, boolean forwarded) {
        Check c = r.check();
        if (!(r instanceof Resolution.Targets t) || t.targets().isEmpty()) {
            Status status = r instanceof Resolution.Finding f ? f.status() : Status.UNRESOLVED;
            String detail = r instanceof Resolution.Finding f ? f.detail() : "no address to dial";
            listener.checkDone(CheckResult.unprobed(c, status, detail, null));
            return CompletableFuture.completedFuture(
                    Learned.nothing(status, "not probed when learned: " + detail, detail));
        }
        Target target = t.targets().get(0);
        String podIp = forwarded && c.kind() == CheckKind.WORKLOAD ? podIp(inventories, c, target.pod()) : null;
        List<String> names = new ArrayList<>(List.of(c.name()));
        if (c.workload() != null) {
            names.add(c.workload());
        }
        if (c.spec().name() != null) {
            names.add(c.spec().name());
        }
        // the name a product's server is known to register its health under (Gloo's rate limiter: "ratelimit"), by
        // the workload's name alone (a port named "grpc" would stop at the rule that only says gRPC)
        String known = ProtocolRules.infer(c.workload() != null ? c.workload() : c.name(), c.targetPort(), "")
                .grpcService();
        if (known != null) {
            names.add(known);
        }
        return bounded(() -> new PortLearner(engine, target, c.targetPort(), timeout, names, podIp).learn()).thenApply(l -> {
            listener.checkDone(new CheckResult(c, l.status(), Observed.wordOf(l.observed()), target.endpoint(),
                    target.pod(), null, l.detail(), null, List.of(), null));
            return l;
        });
    }

    /** Starts {@code learn} now, or once fewer than {@code portsAtOnce} ports are in flight. */
    private CompletableFuture<Learned> bounded(java.util.function.Supplier<CompletableFuture<Learned>> learn) {
        CompletableFuture<Learned> out = new CompletableFuture<>();
        Runnable start = () -> learn.get().whenComplete((l, e) -> {
            Runnable next;
            synchronized (queued) {
                next = queued.poll();
                if (next == null) {
                    inFlight--;
                }
            }
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(l);
            }
            if (next != null) {
                next.run();
            }
        });
        boolean now;
        synchronized (queued) {
            now = inFlight < portsAtOnce;
            if (now) {
                inFlight++;
            } else {
                queued.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return out;
    }

    private static String podIp(List<LiveInventory> inventories, Check c, String pod) {
        for (LiveInventory inv : inventories) {
            if (c.namespace() == null || inv.namespace().equals(c.namespace())) {
                for (LiveInventory.LiveWorkload w : inv.workloads()) {
                    if (pod != null && w.podIps().containsKey(pod)) {
                        return w.podIps().get(pod);
                    }
                }
            }
        }
        return null;
    }

    private static String key(Check c) {
        return c.kind() + "/" + c.name() + ":" + c.port();
    }

    private static Result rewrite(Profile draft, Map<String, Learned> learned) {
        Map<PortSpec, String> comments = new IdentityHashMap<>();
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec s : draft.services()) {
            List<PortSpec> ports = new ArrayList<>();
            for (PortSpec p : s.ports()) {
                ports.add(row(p, learned.get(CheckKind.SERVICE + "/" + s.name() + ":" + p.port()), comments));
            }
            services.add(new ServiceSpec(s.name(), s.workload(), s.optional(), ports, 0));
        }
        List<WorkloadSpec> workloads = new ArrayList<>();
        for (WorkloadSpec w : draft.workloads()) {
            List<PortSpec> ports = new ArrayList<>();
            for (PortSpec p : w.ports()) {
                Learned own = learned.get(CheckKind.WORKLOAD + "/" + w.name() + ":" + p.port());
                ports.add(row(p, own != null ? own : targeting(draft, w.name(), p.port(), learned), comments));
            }
            workloads.add(new WorkloadSpec(w.name(), w.selector(), ports, 0));
        }
        Profile out = new Profile(draft.name(), draft.title(), null, draft.namespace(), workloads, services,
                draft.source());
        return new Result(out, comments);
    }

    /** What the Service port that sends to {@code workload:port} learned (the plan probes it there), or null. */
    private static Learned targeting(Profile draft, String workload, int port, Map<String, Learned> learned) {
        for (ServiceSpec s : draft.services()) {
            for (PortSpec p : s.ports()) {
                if (workload.equals(s.workload()) && p.effectiveTargetPort() == port) {
                    return learned.get(CheckKind.SERVICE + "/" + s.name() + ":" + p.port());
                }
            }
        }
        return null;
    }

    private static PortSpec row(PortSpec p, Learned l, Map<PortSpec, String> comments) {
        if (l == null) {
            return p;
        }
        PortSpec out = new PortSpec(p.port(), p.targetPort(), p.name(), l.protocol(), p.usage(),
                new HttpOptions(l.path(), null), new GrpcOptions(l.grpcService()), new TlsOptions(l.serverName()),
                l.podLocal() ? Reach.POD_LOCAL : Reach.NETWORK, l.optional(), 0);
        if (l.comment() != null) {
            comments.put(out, l.comment());
        }
        return out;
    }
}
