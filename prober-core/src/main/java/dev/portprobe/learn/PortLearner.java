package dev.portprobe.learn;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeEngine;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.profile.GrpcOptions;
import dev.portprobe.profile.HttpOptions;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.TlsOptions;
import dev.portprobe.resolve.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Learns one port inside one deadline: the identifier names what answers, in the first half of it (through a
 * port-forward a server's close reaches the client late, so the identifier may wait out its window on a port that
 * spoke long ago, and the steps after it need time of their own); then, by what it named, the well-known
 * health paths (HTTP, HTTPS), the gRPC health service (plaintext h2, or TLS), the TLS server name (the certificate's
 * first DNS SAN). Every later step gets what is left of the deadline, and the steps of one kind run at once. For a
 * workload port reached through a port-forward, the pod IP is dialed too: refused there, answered through the
 * forward, the port binds the pod's loopback ({@code reach: pod-local}).
 */
public final class PortLearner {
    /** Tried at once; the first of this order that answers 2xx is written. */
    public static final List<String> HEALTH_PATHS = List.of(
            "/ready", "/readyz", "/healthz", "/livez", "/health", "/-/ready", "/-/healthy", "/api/health");
    private static final String TWO_XX = "200-299";
    private static final long MIN_NANOS = Duration.ofMillis(1).toNanos();

    private final ProbeEngine engine;
    private final Target target;
    private final int port;
    private final long deadline;
    private final Duration identifyWindow;
    private final List<String> grpcNames;
    private final String podIp;

    /**
     * @param grpcNames health service names to ask about besides "" (the Service's, the workload's, the port's, the
     *                  one the reference-table rules know for such a server), before those the server advertises
     * @param podIp     the pod IP to dial for the pod-local test, or null to skip it
     */
    public PortLearner(ProbeEngine engine, Target target, int port, Duration timeout, List<String> grpcNames, String podIp) {
        this.engine = engine;
        this.target = target;
        this.port = port;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.identifyWindow = timeout.dividedBy(2);
        this.grpcNames = grpcNames.stream().filter(n -> n != null && !n.isBlank()).distinct().toList();
        this.podIp = podIp;
    }

    public CompletableFuture<Learned> learn() {
        CompletableFuture<Boolean> podLocal = podIp == null ? CompletableFuture.completedFuture(false)
                : engine.probe(new ProbeRequest(podIp, port, PortSpec.of(port, Protocol.TCP), left()))
                        .thenApply(o -> o.status() == Status.REFUSED);
        ProbeRequest identify = new ProbeRequest(target.host(), target.port(), PortSpec.of(target.port(), Protocol.TCP),
                identifyWindow);
        CompletableFuture<Learned> learned = engine.identify(identify).thenCompose(this::after);
        return learned.thenCombine(podLocal, (l, local) -> l.status().ok() && local ? l.withPodLocal(true) : l);
    }

    private CompletableFuture<Learned> after(Identification id) {
        Status status = id.observed() != null ? Status.OK : id.refused() ? Status.REFUSED : Status.TIMEOUT;
        ProbeOutcome seen = target.adjust().apply(ProbeOutcome.of(status, id.observed(), id.detail()));
        if (seen.status() == Status.REFUSED) {
            return done(Learned.nothing(Status.REFUSED, "refused when learned: " + seen.detail(), seen.detail()));
        }
        if (seen.observed() == null) {
            return done(Learned.nothing(seen.status(), "nothing answered when learned: " + seen.detail(), seen.detail()));
        }
        return switch (seen.observed()) {
            case HTTP -> health(Protocol.HTTP, null, Learned.identified(Protocol.HTTP, Observed.HTTP, id.detail()));
            case H2, GRPC -> grpc(Protocol.GRPC, null, id);
            case TLS -> tls(id);
            case MTLS -> done(Learned.identified(Protocol.MTLS, Observed.MTLS, id.detail())
                    .withServerName(serverName(id.tls())));
            case SILENT -> silent(id);
            case UNKNOWN -> done(Learned.unidentified(Observed.UNKNOWN, "unidentified (unknown): " + id.detail(),
                    id.detail()));
            // tcp, redis, dns, and whatever a protocol folder adds: what answered is the profile protocol of its name
            default -> done(Protocol.fromId(seen.observed().word())
                    .map(p -> Learned.identified(p, seen.observed(), id.detail()))
                    .orElseGet(() -> Learned.unidentified(seen.observed(),
                            "unidentified (" + seen.observed() + "): " + id.detail(), id.detail())));
        };
    }

    /**
     * Nothing answered the identifier's steps: one TLS handshake with what is left, since a TLS server whose
     * handshake did not finish inside the identifier's share (a loaded pod, a slow key) also sits silent through
     * the plaintext steps. Else tcp, saying so.
     */
    private CompletableFuture<Learned> silent(Identification id) {
        return engine.probe(request(spec(Protocol.TLS, null, null, null))).thenCompose(o -> o.status().ok()
                ? tls(new Identification(Observed.TLS, false, o.detail(), o.tls()))
                : done(Learned.unidentified(Observed.SILENT, "unidentified (silent): " + id.detail(), id.detail())));
    }

    /** TLS: gRPC over it, else HTTPS, else plain TLS; with the certificate's name as the server name. */
    private CompletableFuture<Learned> tls(Identification id) {
        String name = serverName(id.tls());
        TlsOptions tls = new TlsOptions(name);
        CompletableFuture<ProbeOutcome> https = engine.probe(request(spec(Protocol.HTTPS, null, null, tls)));
        return grpc(Protocol.GRPC_TLS, tls, id).thenCombine(https, (grpc, web) -> {
            if (grpc.status().ok()) {
                return CompletableFuture.completedFuture(grpc);
            }
            if (web.status().ok()) {
                String sni = name != null ? name : serverName(web.tls());
                return health(Protocol.HTTPS, new TlsOptions(sni),
                        Learned.identified(Protocol.HTTPS, Observed.HTTP, web.detail()).withServerName(sni));
            }
            return done(Learned.identified(Protocol.TLS, Observed.TLS, id.detail()).withServerName(name));
        }).thenCompose(f -> f);
    }

    /** The first well-known health path that answers 2xx, if any. */
    private CompletableFuture<Learned> health(Protocol protocol, TlsOptions tls, Learned base) {
        List<CompletableFuture<ProbeOutcome>> tries = new ArrayList<>();
        for (String path : HEALTH_PATHS) {
            tries.add(engine.probe(request(spec(protocol, new HttpOptions(path, TWO_XX), null, tls))));
        }
        return CompletableFuture.allOf(tries.toArray(CompletableFuture[]::new)).thenApply(v -> {
            for (int i = 0; i < tries.size(); i++) {
                if (tries.get(i).join().status().ok()) {
                    return base.withPath(HEALTH_PATHS.get(i));
                }
            }
            return base;
        });
    }

    /**
     * The names the server advertises through reflection (within a third of what is left), then a health Check for
     * the server ("") and for each candidate name (the Service's, the workload's, the port's, then the advertised
     * ones), at once. The first name whose Check answers SERVING (the outcome's typed fact, not its text) is written;
     * else the server's answer decides (SERVING, or UNIMPLEMENTED from a gRPC server: grpc without a name). Not gRPC:
     * plaintext h2 is a tcp row that says so; over TLS the caller goes on.
     */
    private CompletableFuture<Learned> grpc(Protocol protocol, TlsOptions tls, Identification id) {
        Duration reflection = left().dividedBy(3);
        return ReflectedServices.list(engine.services(), target.host(), target.port(), protocol.overTls(),
                        tls == null ? null : tls.serverName(), reflection)
                .thenCompose(advertised -> health(protocol, tls, id, advertised));
    }

    private CompletableFuture<Learned> health(Protocol protocol, TlsOptions tls, Identification id,
                                              List<String> advertised) {
        List<String> names = new ArrayList<>();
        names.add("");
        names.addAll(grpcNames);
        advertised.stream().filter(n -> !names.contains(n)).forEach(names::add);
        List<CompletableFuture<ProbeOutcome>> tries = new ArrayList<>();
        for (String n : names) {
            tries.add(engine.probe(request(spec(protocol, null, new GrpcOptions(n), tls))));
        }
        return CompletableFuture.allOf(tries.toArray(CompletableFuture[]::new)).thenApply(v -> {
            for (int i = 1; i < names.size(); i++) {
                ProbeOutcome o = tries.get(i).join();
                if (o.status().ok() && o.healthServing()) {
                    return Learned.identified(protocol, Observed.GRPC, o.detail()).withGrpcService(names.get(i))
                            .withServerName(tls == null ? null : tls.serverName());
                }
            }
            ProbeOutcome server = tries.get(0).join();
            if (server.status().ok()) {
                return Learned.identified(protocol, Observed.GRPC, server.detail())
                        .withServerName(tls == null ? null : tls.serverName());
            }
            if (protocol == Protocol.GRPC_TLS) {
                return new Learned(protocol, null, null, null, false, false, null, server.status(), null, server.detail());
            }
            return Learned.unidentified(id.observed(), "unidentified (h2): HTTP/2 answered, but not gRPC: "
                    + server.detail(), server.detail());
        });
    }

    /** The first DNS name among the SANs (not an IP address, not a wildcard), else null. */
    static String serverName(TlsInfo tls) {
        if (tls == null) {
            return null;
        }
        for (String san : tls.sans()) {
            if (!san.startsWith("*") && !san.contains(":") && !san.matches("[0-9.]+")) {
                return san;
            }
        }
        return null;
    }

    private PortSpec spec(Protocol protocol, HttpOptions http, GrpcOptions grpc, TlsOptions tls) {
        return new PortSpec(target.port(), null, null, protocol, "", http, grpc, tls, null, false, 0);
    }

    private ProbeRequest request(PortSpec spec) {
        return new ProbeRequest(target.host(), target.port(), spec, left());
    }

    private Duration left() {
        return Duration.ofNanos(Math.max(MIN_NANOS, deadline - System.nanoTime()));
    }

    private static CompletableFuture<Learned> done(Learned l) {
        return CompletableFuture.completedFuture(l);
    }
}
