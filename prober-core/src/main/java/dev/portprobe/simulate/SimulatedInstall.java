package dev.portprobe.simulate;

import dev.portprobe.plan.Check;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.dns.DnsDemoServer;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Protocol;
import dev.portprobe.resolve.Resolver;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Acts out a profile on loopback with real servers, one per check, each speaking the protocol its check
 * expects. Every server binds an ephemeral port on the loopback address of its Service or workload
 * (127.0.1.N), and {@link #resolver()} sends each check there. All servers share one event loop group owned
 * by the install; {@link #close()} stops them all, ends the group's threads and deletes the PEM files.
 *
 * <p>gRPC ports are served with a health service that reports SERVING for the check's service name, except
 * where the profile names no health service on a port that DESIGN lists as gRPC without one (Gloo's xDS 9977,
 * validation 9988 and proxy-debug 9966): those answer UNIMPLEMENTED, like the real ones.
 */
public final class SimulatedInstall implements AutoCloseable {
    /** Gloo's control-plane gRPC ports that serve no grpc.health.v1 service (from Solo's sources). */
    static final Set<Integer> NO_HEALTH_PORTS = Set.of(9977, 9988, 9966);

    /**
     * How one check is acted out.
     *
     * @param acts what the server does, for the demo's output ("gRPC, health SERVING", "fault: closed port")
     */
    public record Binding(Check check, String host, int port, String acts) {
        public String endpoint() {
            return host + ":" + port;
        }
    }

    private final Profile profile;
    private final SimulationOptions options;
    private final EventLoopGroup group;
    private final NettyServers netty;
    private final GrpcServers grpc;
    private final InstallPki pki;
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private Map<String, Set<String>> tlsNames = Map.of();

    private SimulatedInstall(Profile profile, SimulationOptions options) throws IOException {
        this.profile = profile;
        this.options = options == null ? SimulationOptions.DEFAULT : options;
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("portprobe-sim", true), NioIoHandler.newFactory());
        this.netty = new NettyServers(group);
        this.grpc = new GrpcServers(group);
        InstallPki made;
        try {
            made = new InstallPki(profile.name());
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        this.pki = made;
    }

    /** Starts a server for every check. On failure, everything started so far is stopped. */
    public static SimulatedInstall start(Profile profile, List<Check> checks, SimulationOptions options) throws IOException {
        SimulatedInstall install = new SimulatedInstall(profile, options);
        try {
            install.actOut(checks);
            return install;
        } catch (IOException | RuntimeException e) {
            install.close();
            throw e;
        }
    }

    /** Direct mode onto this install. Closing it closes nothing: the install owns the servers. */
    public Resolver resolver() {
        return new SimulatedResolver(bindings, profile.namespace());
    }

    /** Every check's server, in check order. */
    public List<Binding> bindings() {
        return List.copyOf(bindings.values());
    }

    public List<Fault> faults() {
        return List.copyOf(faults);
    }

    /** The ids ("name:port") of the faulted checks: with {@code faults}, exactly these must fail. */
    public List<String> faultedCheckIds() {
        return faults.stream().map(Fault::checkId).toList();
    }

    /** What the probes should use: the install's CA and client certificate with {@code mtls}, else nothing. */
    public ClientTls clientTls() {
        return options.mtls() ? pki.clientTls() : ClientTls.NONE;
    }

    /** The install's CA, client certificate and key as PEM files, whatever the options. */
    public ClientTls credentials() {
        return pki.clientTls();
    }

    /** True when the gRPC server of {@code check} has a health service (see the class comment). */
    public static boolean servesHealth(Check check) {
        return !check.spec().grpc().service().isEmpty()
                || !(NO_HEALTH_PORTS.contains(check.port()) || NO_HEALTH_PORTS.contains(check.targetPort()));
    }

    static String key(Check check) {
        return check.kind().id() + "/" + check.id();
    }

    private void actOut(List<Check> checks) throws IOException {
        Map<String, String> hosts = LoopbackAddresses.assign(profile, checks);
        tlsNames = tlsNames(checks, hosts);
        Map<Check, Fault.Kind> faulted = options.faults() ? FaultPlan.choose(checks) : Map.of();
        for (Check check : checks) {
            if (bindings.containsKey(key(check))) {
                continue;
            }
            String host = hosts.get(check.name());
            Fault.Kind fault = faulted.get(check);
            Binding binding = fault == null ? serve(check, host) : fault(check, host, fault);
            bindings.put(key(check), binding);
            if (fault != null) {
                faults.add(new Fault(check.id(), fault));
            }
        }
    }

    private Binding serve(Check check, String host) throws IOException {
        Protocol p = check.expected();
        return switch (p) {
            case TCP -> bind(check, host, "TCP: accepts", ch -> handlers(Discard.INSTANCE));
            case TLS, MTLS -> {
                SslContext tls = pki.netty(host, tlsNames.get(host), p == Protocol.MTLS);
                yield bind(check, host, p == Protocol.MTLS ? "TLS, client certificate required" : "TLS",
                        ch -> handlers(tls.newHandler(ch.alloc()), Discard.INSTANCE));
            }
            case HTTP -> bind(check, host, "HTTP/1.1: " + httpStatus(check) + " on any path",
                    ch -> handlers(new HttpServerCodec(), new HttpOkHandler(check.id(), check.spec().http().expectStatus())));
            case HTTPS -> {
                SslContext tls = pki.netty(host, tlsNames.get(host), false);
                yield bind(check, host, "HTTPS: " + httpStatus(check) + " on any path",
                        ch -> handlers(tls.newHandler(ch.alloc()), new HttpServerCodec(), new HttpOkHandler(check.id(), check.spec().http().expectStatus())));
            }
            case REDIS -> bind(check, host, "RESP: PING gets +PONG",
                    ch -> handlers(new LineBasedFrameDecoder(64 * 1024), new RespHandler()));
            case GRPC, GRPC_TLS, GRPC_MTLS -> serveGrpc(check, host);
            case DNS -> bind(check, host, "DNS over TCP: A gets 127.0.0.1", ch -> DnsDemoServer.tcpHandlers());
            case DNS_UDP -> new Binding(check, host, netty.track(DnsDemoServer.bindUdp(group, host)),
                    "DNS over UDP: A gets 127.0.0.1");
        };
    }

    private static int httpStatus(Check check) {
        return HttpOkHandler.statusFor(check.spec().http().expectStatus()).code();
    }

    private Binding serveGrpc(Check check, String host) throws IOException {
        Protocol p = check.expected();
        SslContext tls = p == Protocol.GRPC ? null : pki.grpc(host, tlsNames.get(host), p == Protocol.GRPC_MTLS);
        String service = check.spec().grpc().service();
        boolean health = servesHealth(check);
        int port = grpc.start(host, health ? service : null, tls);
        String over = p == Protocol.GRPC ? "gRPC" : p == Protocol.GRPC_TLS ? "gRPC over TLS" : "gRPC over mTLS";
        String acts = health ? over + ", health SERVING" + (service.isEmpty() ? "" : " for '" + service + "'")
                : over + " without a health service";
        return new Binding(check, host, port, acts);
    }

    private Binding fault(Check check, String host, Fault.Kind kind) throws IOException {
        return switch (kind) {
            case CLOSED -> new Binding(check, host, closedPort(host), "fault: closed port");
            case SILENT -> bind(check, host, "fault: accepts and never answers", ch -> handlers(Discard.INSTANCE));
            case WRONG_PROTOCOL -> FaultPlan.isHttp(check)
                    ? bind(check, host, "fault: RESP instead of " + check.expected().id(),
                            ch -> handlers(new LineBasedFrameDecoder(64 * 1024), new RespHandler()))
                    : bind(check, host, "fault: HTTP/1.1 instead of " + check.expected().id(),
                            ch -> handlers(new HttpServerCodec(), new HttpOkHandler(check.id(), check.spec().http().expectStatus())));
        };
    }

    private Binding bind(Check check, String host, String acts,
                         java.util.function.Function<io.netty.channel.Channel, ChannelHandler[]> pipeline) throws IOException {
        return new Binding(check, host, netty.bind(host, pipeline), acts);
    }

    private static ChannelHandler[] handlers(ChannelHandler... handlers) {
        return handlers;
    }

    /** A port that nothing listens on: bound once to get a free number, then released. */
    private static int closedPort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    /** The names each host's certificate carries: its Services' DNS names and any tls.serverName. */
    private Map<String, Set<String>> tlsNames(List<Check> checks, Map<String, String> hosts) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String ns = profile.namespace();
        for (Check check : checks) {
            Set<String> names = out.computeIfAbsent(hosts.get(check.name()), h -> new LinkedHashSet<>());
            names.add(check.name());
            if (ns != null && !ns.isBlank()) {
                names.add(check.name() + "." + ns);
                names.add(check.name() + "." + ns + ".svc");
                names.add(check.name() + "." + ns + ".svc.cluster.local");
            }
            String serverName = check.spec().tls().serverName();
            if (serverName != null && !serverName.isBlank()) {
                names.add(serverName);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            grpc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        netty.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            pki.close();
        } catch (IOException e) {
            // best effort: the files live in a temporary directory
        }
    }
}
