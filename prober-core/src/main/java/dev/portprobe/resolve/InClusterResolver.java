package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Reach;
import dev.portprobe.report.Drift;
import dev.portprobe.outcome.Status;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In-cluster mode, from a pod: each Service port is dialed at {@code NAME.NS.svc.<cluster domain>:PORT}, which
 * goes through the cluster DNS, the Service VIP and kube-proxy; with {@code perEndpoint}, each ready endpoint is
 * also dialed at its IP and container port, so one broken replica is named. Workload-only ports are dialed at the
 * pods' IPs. Pod-local ports cannot be reached from another pod and are SKIPPED.
 *
 * <p>The API is read with the pod's service account when there is one. When it may not read (401/403) or there is
 * no account, the resolver falls back to DNS alone and says so in {@link #notes()}.
 */
public final class InClusterResolver implements Resolver {
    private final KubeAccess access;
    private final String namespace;
    private final Map<String, Map<String, String>> selectors;
    private final String clusterDomain;
    private final boolean perEndpoint;
    private final Duration timeout;
    private final NameResolver names;
    private final DnsLookups dns;
    private final List<String> notes = new ArrayList<>();
    private boolean dnsOnly;

    /** A Service check waiting for its name lookup, with the endpoint targets it also gets. */
    private record Staged(Check check, String name, int port, List<Drift> drift, List<Target> endpoints) {
    }

    /**
     * @param access        the API through the service account, or null for DNS only; this resolver closes it
     * @param clusterDomain the cluster DNS domain, normally {@code cluster.local}
     * @param names         name lookups ({@link NameResolver#SYSTEM})
     * @param timeout       bounds the name lookups of a round
     */
    public InClusterResolver(KubeAccess access, String namespace, Profile profile, String clusterDomain,
                             boolean perEndpoint, NameResolver names, Duration timeout) {
        this.access = access;
        this.namespace = namespace;
        this.selectors = ClusterResolution.selectorsOf(profile);
        this.clusterDomain = clusterDomain == null || clusterDomain.isBlank() ? "cluster.local"
                : clusterDomain.strip().replaceAll("^\\.+|\\.+$", "");
        this.perEndpoint = perEndpoint;
        this.timeout = timeout;
        this.names = names;
        this.dns = new DnsLookups(names);
        this.dnsOnly = access == null;
        if (access == null) {
            notes.add("in-cluster without API access (no service account): Services were dialed by DNS name only; "
                    + "no drift, readiness or per-endpoint checks, and workload-only ports are unresolved");
        }
    }

    @Override
    public String mode() {
        return "in-cluster";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public synchronized List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
        if (!dnsOnly) {
            try {
                return withApi(checks);
            } catch (ApiDeniedException e) {
                dnsOnly = true;
                notes.add("in-cluster: the service account may not " + e.verb() + " " + e.resource() + " in "
                        + namespace + ", so Services were dialed by DNS name only; no drift, readiness or "
                        + "per-endpoint checks, and workload-only ports are unresolved");
            }
        }
        return dnsOnlyRound(checks);
    }

    private List<Resolution> withApi(List<Check> checks) throws ClusterAccessException {
        ClusterResolution cluster = new ClusterResolution(new ClusterSnapshot(access, namespace), selectors);
        List<Object> staged = new ArrayList<>(checks.size());
        for (Check check : checks) {
            if (check.reach() == Reach.POD_LOCAL) {
                staged.add(podLocal(check));
                continue;
            }
            Placement p = cluster.place(check);
            if (p instanceof Placement.Failed f) {
                staged.add(f.finding());
            } else {
                staged.add(stage((Placement.Found) p));
            }
        }
        return finish(staged);
    }

    private Object stage(Placement.Found found) {
        List<Placement.PodAddress> ready = found.ready();
        List<Placement.PodAddress> chosen = perEndpoint ? ready : ready.subList(0, 1);
        List<Target> endpoints = new ArrayList<>();
        for (Placement.PodAddress a : chosen) {
            endpoints.add(new Target(a.ip(), a.port(), Target.direct(a.ip(), a.port()).endpoint(), a.pod(),
                    found.drift(), null));
        }
        if (found.check().kind() == CheckKind.WORKLOAD) {
            return new Resolution.Targets(found.check(), endpoints);
        }
        return new Staged(found.check(), serviceName(found.service()), found.servicePort(), found.drift(),
                perEndpoint ? endpoints : List.of());
    }

    private List<Resolution> dnsOnlyRound(List<Check> checks) {
        List<Object> staged = new ArrayList<>(checks.size());
        for (Check check : checks) {
            if (check.reach() == Reach.POD_LOCAL) {
                staged.add(podLocal(check));
            } else if (check.kind() == CheckKind.WORKLOAD) {
                staged.add(new Resolution.Finding(check, Status.UNRESOLVED, "workload-only port " + check.port()
                        + " of " + check.name() + " needs the pods' addresses, and the API cannot be read",
                        "let the service account list pods in " + namespace + ", or use --mode port-forward"));
            } else {
                staged.add(new Staged(check, serviceName(check.name()), check.port(), List.of(), List.of()));
            }
        }
        return finish(staged);
    }

    /** Looks up every Service name of the round at once, then builds the resolutions in check order. */
    private List<Resolution> finish(List<Object> staged) {
        Set<String> names = new LinkedHashSet<>();
        for (Object s : staged) {
            if (s instanceof Staged st) {
                names.add(st.name());
            }
        }
        Map<String, DnsLookups.Answer> answers = dns.resolveAll(names, timeout);
        String dnsDown = "in-cluster: not one Service name resolved: the cluster DNS failed, not the ports "
                + "(kubectl -n kube-system get pods -l k8s-app=kube-dns)";
        if (names.size() > 1 && answers.values().stream().allMatch(a -> a.address() == null)
                && !notes.contains(dnsDown)) {
            notes.add(dnsDown);
        }
        List<Resolution> out = new ArrayList<>(staged.size());
        for (Object s : staged) {
            out.add(s instanceof Staged st ? dialByName(st, answers.get(st.name())) : (Resolution) s);
        }
        return out;
    }

    private Resolution dialByName(Staged st, DnsLookups.Answer answer) {
        if (answer.address() == null) {
            return new Resolution.Finding(st.check(), Status.UNRESOLVED, answer.failure(),
                    "is Service " + st.check().name() + " in " + namespace + ", and is the cluster domain "
                            + clusterDomain + " right (--cluster-domain)? kubectl -n " + namespace + " get svc "
                            + st.check().name());
        }
        List<Target> targets = new ArrayList<>();
        InetSocketAddress socket = names.serviceSocket(answer.address(), st.port());
        targets.add(new Target(socket.getAddress().getHostAddress(), socket.getPort(), st.name() + ":" + st.port(),
                null, st.drift(), null));
        targets.addAll(st.endpoints());
        return new Resolution.Targets(st.check(), targets);
    }

    private static Resolution podLocal(Check check) {
        return new Resolution.Finding(check, Status.SKIPPED, "port " + check.port() + " of " + check.name()
                + " binds 127.0.0.1 inside the pod (reach: pod-local): another pod cannot reach it",
                "probe it with --mode port-forward");
    }

    private String serviceName(String service) {
        return service + "." + namespace + ".svc." + clusterDomain;
    }

    @Override
    public synchronized void close() {
        dns.close();
        if (access != null) {
            access.close();
        }
    }
}
