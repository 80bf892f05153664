package dev.portprobe.simulate;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.loopback.DemoSite;
import dev.portprobe.loopback.Discard;
import dev.portprobe.loopback.HttpOkHandler;
import dev.portprobe.loopback.RespHandler;
import dev.portprobe.plan.Check;
import dev.portprobe.probe.ClientTls;
import dev.portprobe.probe.ProtocolSupports;
import dev.portprobe.profile.Profile;
import dev.portprobe.resolve.Resolver;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
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
import java.util.function.Function;

/**
 * Acts out a profile on loopback with real servers, one per check, each speaking the protocol its check
 * expects. Every server binds an ephemeral port on the loopback address of its Service or workload
 * (127.0.1.N), and {@link #resolver()} sends each check there. All servers share one event loop group owned
 * by the install; {@link #close()} stops them all, ends the group's threads and deletes the PEM files.
 *
 * <p>The server of each protocol comes from its protocol folder ({@code ProtocolSupport.demoServers()}), started on a
 * {@link DemoSite} of this install; the install chooses the faults and acts them out itself.
 */
public final class SimulatedInstall implements AutoCloseable {
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

    /** The check's server, from the folder of its protocol, started on a site of this install. */
    private Binding serve(Check check, String host) throws IOException {
        DemoServer.Served served = ProtocolSupports.demoServer(check.expected()).serve(new Site(check, host));
        return new Binding(check, host, served.port(), served.acts());
    }

    private Binding fault(Check check, String host, Fault.Kind kind) throws IOException {
        return switch (kind) {
            case CLOSED -> new Binding(check, host, closedPort(host), "fault: closed port");
            case SILENT -> bind(check, host, "fault: accepts and never answers", ch -> handlers(Discard.INSTANCE));
            case WRONG_PROTOCOL -> FaultPlan.isHttp(check)
                    ? bind(check, host, "fault: RESP instead of " + check.expected().id(), ch -> RespHandler.pipeline())
                    : bind(check, host, "fault: HTTP/1.1 instead of " + check.expected().id(),
                            ch -> HttpOkHandler.pipeline(check.id(), check.spec().http().expectStatus()));
        };
    }

    private Binding bind(Check check, String host, String acts,
                         Function<Channel, ChannelHandler[]> pipeline) throws IOException {
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

    /** One check's host in this install: its listeners, gRPC servers and certificates belong to the install. */
    private final class Site implements DemoSite {
        private final Check check;
        private final String host;

        Site(Check check, String host) {
            this.check = check;
            this.host = host;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int bind(Function<Channel, ChannelHandler[]> pipeline) throws IOException {
            return netty.bind(host, pipeline);
        }

        @Override
        public EventLoopGroup group() {
            return group;
        }

        @Override
        public int track(Channel listener) {
            return netty.track(listener);
        }

        @Override
        public SslContext tls(boolean mutual) throws IOException {
            return pki.netty(host, tlsNames.get(host), mutual);
        }

        @Override
        public int grpc(String healthService, boolean tls, boolean mutual) throws IOException {
            return SimulatedInstall.this.grpc.start(host, healthService,
                    tls ? pki.grpc(host, tlsNames.get(host), mutual) : null);
        }
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
