package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Port-forward mode: each check goes to one ready pod behind its Service (every ready pod with
 * {@code perEndpoint}) through a {@link Forward}: a listener on 127.0.0.1 (never 0.0.0.0) whose connections are
 * fabric8 pod port-forwards ({@code v4.channel.k8s.io} websockets). Ready endpoints are resolved here (fabric8's
 * own Service forward takes the first pod, ready or not). Forwards are shared per (pod, port) across checks and
 * rounds, and all are closed by {@link #close()}, which also closes the {@link KubeAccess}.
 *
 * <p>A refusal inside the pod only shows on the forward's error channel; {@link Preflight} looks for it before the
 * probes of TCP checks run (only they pass on the local connect alone), and each target's {@code adjust} turns the
 * probe's outcome into REFUSED when the forward saw one, on the preflight's or on the probe's own connections. Once
 * it has, the target's {@code pathFailure} keeps the probe's follow-up identification from dialing through the
 * forward again.
 */
public final class PortForwardResolver implements Resolver {
    private static final InetAddress LOOPBACK = loopback();
    private static final Duration MIN_GRACE = Duration.ofMillis(150);

    private final KubeAccess access;
    private final String namespace;
    private final Map<String, Map<String, String>> selectors;
    private final boolean perEndpoint;
    private final Map<String, Forward> forwards = new LinkedHashMap<>();
    private final Set<Forward> validated = new HashSet<>();
    private final ApiFailures apiFailures;
    private boolean closed;

    /** One check's way in: the check, its placement, and a forward per chosen pod. */
    private record Staged(Placement.Found found, List<Forward> forwards) {
    }

    /**
     * @param access      the cluster; this resolver closes it
     * @param namespace   where the profile lives ({@link KubeAccess#namespaceFor})
     * @param profile     for the workloads' pod selectors; may be null
     * @param perEndpoint probe every ready pod, not one per check
     */
    public PortForwardResolver(KubeAccess access, String namespace, Profile profile, boolean perEndpoint) {
        this.access = access;
        this.namespace = namespace;
        this.selectors = ClusterResolution.selectorsOf(profile);
        this.perEndpoint = perEndpoint;
        this.apiFailures = new ApiFailures(access.cluster(), namespace);
    }

    /** How the API failed the probes of the latest {@link #resolveAll} round, or null. */
    @Override
    public String apiFailure() {
        return apiFailures.summary();
    }

    @Override
    public String mode() {
        return "port-forward";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public synchronized List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
        if (closed) {
            throw new IllegalStateException("resolver is closed");
        }
        apiFailures.reset();
        forwards.values().forEach(Forward::forgetEnded); // the previous round's probes are done with theirs
        ClusterResolution cluster = new ClusterResolution(new ClusterSnapshot(access, namespace), selectors);
        List<Object> staged = new ArrayList<>(checks.size());
        Set<Forward> toCheck = new LinkedHashSet<>();
        Set<Forward> tcp = new HashSet<>();
        for (Check check : checks) {
            Object s = stage(check, cluster.place(check));
            staged.add(s);
            if (s instanceof Staged st) {
                for (Forward f : st.forwards()) {
                    if (!validated.contains(f) || check.expected() == Protocol.TCP) {
                        toCheck.add(f);
                    }
                    if (check.expected() == Protocol.TCP) {
                        tcp.add(f);
                    }
                }
            }
        }
        // Only a TCP check's probe passes on the local connect alone, so only its forward's watch waits the grace
        // for the kubelet's refusal; any other probe waits for the pod's bytes and sees a refusal on its own
        // connections (as in every later round), so its forward's watch settles once the upgrade is answered.
        closeUnused(staged);
        Map<Forward, ForwardError> errors = Preflight.run(watched(toCheck, tcp), tcp, grace(), access.timeout());
        for (ForwardError e : errors.values()) {
            if (e.kind() == ForwardError.Kind.DENIED) {
                throw new ClusterAccessException(e.text().startsWith("401")
                        ? "credentials rejected by cluster " + access.cluster() + " (" + e.text() + ") when opening "
                        + "a port-forward in namespace " + namespace + ": log in again or choose another --context"
                        : "access denied by cluster " + access.cluster() + ": cannot create pods/portforward in "
                        + "namespace " + namespace + " (" + e.text() + ")");
            }
        }
        validated.addAll(toCheck);
        List<Resolution> out = new ArrayList<>(checks.size());
        for (Object s : staged) {
            out.add(s instanceof Staged st ? targets(st, errors) : (Resolution) s);
        }
        return out;
    }

    /**
     * The forwards the preflight watches: every TCP check's, since only a TCP probe passes on the local connect alone
     * and only a watch shows its refusal; and, when none of those is new, the first new forward, so that an API
     * server that denies pods/portforward (RBAC grants it per namespace) stops the run before any probe. Any other
     * check's probe sees a refusal or a failed upgrade on its own connections, where its target's adjust reports
     * it, so watching its forward too would only cost a websocket (19 of the 37 of a Gloo Enterprise run).
     */
    private Set<Forward> watched(Set<Forward> toCheck, Set<Forward> tcp) {
        Set<Forward> out = new LinkedHashSet<>();
        for (Forward f : toCheck) {
            if (tcp.contains(f)) {
                out.add(f);
            }
        }
        if (out.stream().allMatch(validated::contains)) {
            toCheck.stream().filter(f -> !validated.contains(f)).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** A Staged with forwards, or the Finding that stops the check. */
    private Object stage(Check check, Placement placement) {
        if (placement instanceof Placement.Failed failed) {
            return failed.finding();
        }
        if (check.expected() == Protocol.DNS_UDP) {
            return new Resolution.Finding(check, Status.SKIPPED, "a port-forward carries TCP only: dns-udp cannot "
                    + "go through one", "use --mode in-cluster, or expect dns (DNS over TCP) on the same port");
        }
        Placement.Found found = (Placement.Found) placement;
        List<Placement.PodAddress> pods = found.ready().stream().filter(a -> a.pod() != null).toList();
        if (pods.isEmpty()) {
            return new Resolution.Finding(check, Status.UNRESOLVED, "the ready endpoints of " + check.name()
                    + " are not pods, so no port-forward reaches them", "use --mode in-cluster");
        }
        List<Forward> chosen = new ArrayList<>();
        for (Placement.PodAddress a : perEndpoint ? pods : pods.subList(0, 1)) {
            try {
                chosen.add(forward(a.pod(), a.port()));
            } catch (java.io.IOException | RuntimeException e) {
                return new Resolution.Finding(check, Status.ERROR, "cannot open a port-forward to pod " + a.pod()
                        + " port " + a.port() + " on 127.0.0.1: " + ForwardError.describe(e),
                        "an unexpected error: re-run with -v and report it");
            }
        }
        return new Staged(found, chosen);
    }

    /**
     * Closes the forwards no check of this round goes through (a pod replaced by a rollout, a Service that lost its
     * endpoints), so that a long-running {@code serve} keeps one listener and thread per (pod, port) it probes now,
     * not one per pod it ever saw. A later round that needs one again opens it again.
     */
    private void closeUnused(List<Object> staged) {
        Set<Forward> used = new HashSet<>();
        for (Object s : staged) {
            if (s instanceof Staged st) {
                used.addAll(st.forwards());
            }
        }
        forwards.values().removeIf(f -> {
            if (used.contains(f)) {
                return false;
            }
            f.close();
            validated.remove(f);
            return true;
        });
    }

    private Forward forward(String pod, int port) throws java.io.IOException {
        String key = pod + ":" + port;
        Forward f = forwards.get(key);
        if (f != null && f.isAlive()) {
            return f;
        }
        if (f != null) {
            f.close();
        }
        f = new Forward(access.client().pods().inNamespace(namespace).withName(pod), pod, port, LOOPBACK);
        forwards.put(key, f);
        return f;
    }

    private Resolution targets(Staged st, Map<Forward, ForwardError> errors) {
        List<Target> targets = new ArrayList<>();
        for (Forward f : st.forwards()) {
            ForwardError early = errors.get(f);
            Set<Throwable> mark = f.mark();
            long connections = f.connectionMark();
            String pod = f.pod();
            int port = f.port();
            UnaryOperator<ProbeOutcome> adjust = outcome -> {
                boolean podSpoke = f.podAnsweredSince(connections);
                ForwardError own = f.errorSince(mark);
                if (own == null && !outcome.status().ok() && !podSpoke) {
                    own = f.unansweredSince(connections); // nothing crossed: was the upgrade ever answered?
                }
                // The preflight's error speaks for the probe's own connections, unless it was the API's and the pod
                // answered this probe anyway.
                ForwardError e = early != null && !(early.kind().api() && podSpoke) ? early : own;
                if (e == null || !e.explains(outcome, podSpoke)) {
                    return outcome;
                }
                ProbeOutcome out = e.apply(outcome, namespace, pod, port);
                if (e.kind().api()) {
                    apiFailures.record(e, out.detail());
                }
                return out;
            };
            // Once the kubelet has refused (or the API failed) a connection of this check and the pod never spoke,
            // every new connection through the forward ends the same way: the probe's follow-up does not dial again.
            Supplier<String> pathFailure = () -> {
                if (f.podAnsweredSince(connections)) {
                    return null;
                }
                ForwardError e = early != null ? early : f.errorSince(mark);
                return e == null ? null : e.text();
            };
            targets.add(new Target(LOOPBACK.getHostAddress(), f.getLocalPort(), "127.0.0.1:" + f.getLocalPort(), pod,
                    st.found().drift(), adjust, pathFailure));
        }
        return new Resolution.Targets(st.found().check(), targets);
    }

    /** How long a preflight listens for the kubelet's error after a websocket opens: a floor plus two API round trips. */
    private Duration grace() {
        return access.api().fastest().multipliedBy(2).plus(MIN_GRACE);
    }

    /** The forwards open now, for tests and diagnostics. */
    synchronized List<Forward> openForwards() {
        return Collections.unmodifiableList(new ArrayList<>(forwards.values()));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            forwards.values().forEach(Forward::close);
            forwards.clear();
        } finally {
            access.close();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
