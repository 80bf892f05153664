package dev.portprobe.cli;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.simulate.SimulatedInstall;
import dev.portprobe.simulate.SimulationOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal Kubernetes API on loopback, shipped in the jar but not a command: it exists so that the class-data sharing
 * archive can be trained on the cluster path (resolve, port-forward) and so that {@code bench/run} can time that path
 * without a cluster. It answers the GETs the resolver makes (Services, EndpointSlices, Pods, Deployments; every other
 * list is empty) for one namespace, and a Pod's {@code portforward} websocket ({@code v4.channel.k8s.io}: a one-byte
 * channel prefix, a two-byte port preamble per channel) relaying each connection to the same port on 127.0.0.1, as a
 * kubelet would inside the pod. A GET outside {@code /api} and {@code /apis} answers 200 "ok", so the server is also
 * the HTTP peer of the training run.
 *
 * <pre>
 * java -cp portprobe.jar dev.portprobe.cli.LoopbackKubeApi train                      # CDS training: a port-forward run
 * java -cp portprobe.jar dev.portprobe.cli.LoopbackKubeApi serve DIR NAME:PROTOCOL:PORT...  # until stdin closes
 * </pre>
 * {@code serve} writes {@code DIR/kubeconfig} and {@code DIR/profile.yaml} (one workload and one Service per NAME)
 * and then prints {@code ready}.
 */
public final class LoopbackKubeApi implements AutoCloseable {
    static final String NAMESPACE = "portprobe-loopback";
    private static final Pattern PATH = Pattern.compile(
            "/(?:api/v1|apis/([a-z0-9.]+)/v1)/namespaces/([a-z0-9-]+)/([a-z]+)(?:/([a-z0-9-]+)(?:/([a-z]+))?)?");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One simulated workload: Pod NAME-0 behind Service NAME, whose PORT is relayed to HOST:PORT (on loopback). */
    record Workload(String name, String protocol, String host, int port) {
        Workload(String name, String protocol, int port) {
            this(name, protocol, "127.0.0.1", port);
        }

        static Workload parse(String spec) {
            String[] p = spec.split(":");
            if (p.length != 3 || !p[0].matches("[a-z][a-z0-9-]{0,40}") || !p[1].matches("[a-z-]+")) {
                throw new IllegalArgumentException("expected NAME:PROTOCOL:PORT, got " + spec);
            }
            return new Workload(p[0], p[1], Integer.parseInt(p[2]));
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
            new DefaultThreadFactory("loopback-api", true), NioIoHandler.newFactory());
    private final List<Workload> workloads = new ArrayList<>();
    private final Channel server;

    LoopbackKubeApi() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new Api());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    void add(Workload w) {
        workloads.add(w);
    }

    /** Writes {@code dir/kubeconfig} (this API, a dummy token) and {@code dir/profile.yaml} (every workload). */
    void writeFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("kubeconfig"), String.join("\n",
                "apiVersion: v1", "kind: Config", "current-context: loopback",
                "clusters: [{name: loopback, cluster: {server: 'http://127.0.0.1:" + port() + "'}}]",
                "users: [{name: loopback, user: {token: loopback-dummy}}]",
                "contexts: [{name: loopback, context: {cluster: loopback, user: loopback, namespace: " + NAMESPACE + "}}]",
                ""));
        StringBuilder p = new StringBuilder("apiVersion: portprobe/v1\nname: loopback\nnamespace: " + NAMESPACE
                + "\nworkloads:\n");
        for (Workload w : workloads) {
            p.append("  - name: ").append(w.name()).append("\n    ports:\n      - {port: ").append(w.port())
                    .append(", protocol: ").append(w.protocol()).append("}\n");
        }
        p.append("services:\n");
        for (Workload w : workloads) {
            p.append("  - name: ").append(w.name()).append("\n    workload: ").append(w.name())
                    .append("\n    ports:\n      - {port: ").append(w.port()).append(", targetPort: ").append(w.port())
                    .append(", protocol: ").append(w.protocol()).append("}\n");
        }
        Files.writeString(dir.resolve("profile.yaml"), p);
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("train")) {
            System.exit(trainInTempDir());
        }
        if (args.length < 3 || !args[0].equals("serve")) {
            System.err.println("usage: LoopbackKubeApi train | serve DIR NAME:PROTOCOL:PORT...");
            System.exit(2);
        }
        try (LoopbackKubeApi api = new LoopbackKubeApi()) {
            for (int i = 2; i < args.length; i++) {
                api.add(Workload.parse(args[i]));
            }
            api.writeFiles(Path.of(args[1]));
            System.out.println("ready " + api.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until stdin closes
            }
        }
        System.exit(0);
    }

    /**
     * The CDS training run: {@code probe --mode port-forward} through this API of every port of the demo's simulated
     * Gloo Mesh Enterprise install (HTTP, HTTPS, TLS, gRPC, Redis, TCP servers, each its own pod), plus a port that
     * refuses, so that the archive holds the classes a real install's run loads: the checks, the identifier, the
     * kubelet's refusal. Its files (kubeconfig, profile, report) are left in {@code dir}.
     */
    static int train(Path dir) throws Exception {
        Profile gloo = ProfileLoader.resolve("gloo-mesh-enterprise");
        List<Check> checks = Planner.plan(gloo);
        try (LoopbackKubeApi api = new LoopbackKubeApi();
             SimulatedInstall install = SimulatedInstall.start(gloo, checks, SimulationOptions.DEFAULT)) {
            for (SimulatedInstall.Binding b : install.bindings()) {
                api.add(new Workload("w" + api.workloads.size() + "-" + b.check().port(), b.check().expected().id(),
                        b.host(), b.port()));
            }
            try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                api.add(new Workload("refused", "grpc", closed.getLocalPort())); // closed when the probe runs
            }
            api.writeFiles(dir);
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            return Main.run(new Terminal(quiet, quiet, Map.of(), false, false), "probe", "--mode", "port-forward",
                    "--kubeconfig", dir.resolve("kubeconfig").toString(), "-p", dir.resolve("profile.yaml").toString(),
                    "--timeout", "10s", "-o", "json", "--out", dir.resolve("report.json").toString());
        }
    }

    private static int trainInTempDir() throws Exception {
        Path dir = Files.createTempDirectory("portprobe-train");
        try {
            return train(dir);
        } finally {
            for (String f : new String[] {"kubeconfig", "profile.yaml", "report.json"}) {
                Files.deleteIfExists(dir.resolve(f));
            }
            Files.deleteIfExists(dir);
        }
    }

    private final class Api extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            Matcher m = PATH.matcher(path);
            if (m.matches() && "portforward".equals(m.group(5)) && q.parameters().containsKey("ports")) {
                String host = workloads.stream().filter(w -> (w.name() + "-0").equals(m.group(4))).map(Workload::host)
                        .findFirst().orElse("127.0.0.1");
                forward(ctx, req, host, Integer.parseInt(q.parameters().get("ports").get(0)));
                return;
            }
            if (!path.startsWith("/api") && !path.startsWith("/version")) {
                respond(ctx, HttpResponseStatus.OK, "text/plain", "ok\n");
                return;
            }
            ObjectNode body = m.matches() && NAMESPACE.equals(m.group(2)) && m.group(5) == null
                    ? answer(m.group(3), m.group(4)) : null;
            if (body == null) {
                respond(ctx, HttpResponseStatus.NOT_FOUND, "application/json",
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
            } else {
                respond(ctx, HttpResponseStatus.OK, "application/json", JSON.writeValueAsString(body));
            }
        }

        /** A list of {@code resource}, or one item of it by name; null when there is none. */
        private ObjectNode answer(String resource, String name) {
            ArrayNode items = JSON.createArrayNode();
            for (Workload w : workloads) {
                ObjectNode item = switch (resource) {
                    case "services" -> service(w);
                    case "endpointslices" -> slice(w);
                    case "pods" -> pod(w);
                    case "deployments" -> deployment(w);
                    default -> null;
                };
                if (item != null && (name == null || name.equals(item.get("metadata").get("name").asString()))) {
                    items.add(item);
                }
            }
            if (name != null) {
                return items.isEmpty() ? null : (ObjectNode) items.get(0);
            }
            ObjectNode list = JSON.createObjectNode();
            list.putObject("metadata").put("resourceVersion", "1");
            list.set("items", items);
            return list;
        }

        private void forward(ChannelHandlerContext ctx, FullHttpRequest req, String host, int port) {
            WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(
                    "ws://127.0.0.1" + req.uri(), "v4.channel.k8s.io,channel.k8s.io", false).newHandshaker(req);
            if (hs == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            Channel ws = ctx.channel();
            ws.config().setAutoRead(false);
            ctx.pipeline().replace(this, "relay", new Relay(hs, host, port));
            hs.handshake(ws, req).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    ws.close();
                    return;
                }
                byte[] preamble = {0, (byte) (port & 0xff), (byte) (port >> 8)};
                ws.write(new BinaryWebSocketFrame(Unpooled.copiedBuffer(preamble)));
                preamble[0] = 1;
                ws.writeAndFlush(new BinaryWebSocketFrame(Unpooled.copiedBuffer(preamble)));
                ((Relay) ws.pipeline().get("relay")).connect(ws);
            });
        }
    }

    /** One port-forward connection: websocket data channel 0 to and from host:port. */
    private final class Relay extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WebSocketServerHandshaker hs;
        private final String host;
        private final int port;
        private volatile Channel backend;

        Relay(WebSocketServerHandshaker hs, String host, int port) {
            this.hs = hs;
            this.host = host;
            this.port = port;
        }

        void connect(Channel ws) {
            new Bootstrap().group(ws.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                    .handler(new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf data) {
                            ByteBuf frame = Unpooled.buffer(data.readableBytes() + 1).writeByte(0).writeBytes(data);
                            ws.writeAndFlush(new BinaryWebSocketFrame(frame));
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            ws.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
                        }
                    }).connect(host, port).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            backend = f.channel();
                            ws.closeFuture().addListener(x -> backend.close());
                            ws.config().setAutoRead(true);
                            return;
                        }
                        byte[] text = ("error forwarding port " + port + ": connection refused")
                                .getBytes(StandardCharsets.UTF_8);
                        ws.writeAndFlush(new BinaryWebSocketFrame(Unpooled.buffer().writeByte(1).writeBytes(text)))
                                .addListener(x -> ws.writeAndFlush(new CloseWebSocketFrame(1000, ""))
                                        .addListener(ChannelFutureListener.CLOSE));
                    });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame) {
                hs.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof BinaryWebSocketFrame && frame.content().readableBytes() > 1
                    && frame.content().getByte(frame.content().readerIndex()) == 0 && backend != null) {
                backend.writeAndFlush(frame.content().retainedSlice(frame.content().readerIndex() + 1,
                        frame.content().readableBytes() - 1));
            }
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length());
        ctx.writeAndFlush(r);
    }

    private static ObjectNode meta(ObjectNode o, String apiVersion, String kind, String name) {
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode m = o.putObject("metadata").put("name", name).put("namespace", NAMESPACE)
                .put("uid", "uid-" + name).put("resourceVersion", "1");
        m.putObject("labels").put("app", name.replaceAll("-0$", ""));
        return o;
    }

    private static ObjectNode service(Workload w) {
        ObjectNode s = meta(JSON.createObjectNode(), "v1", "Service", w.name());
        ObjectNode spec = s.putObject("spec").put("type", "ClusterIP").put("clusterIP", "10.96.0.10");
        spec.putObject("selector").put("app", w.name());
        spec.putArray("ports").addObject().put("name", "p").put("port", w.port()).put("targetPort", w.port())
                .put("protocol", "TCP");
        return s;
    }

    private static ObjectNode slice(Workload w) {
        ObjectNode s = meta(JSON.createObjectNode(), "discovery.k8s.io/v1", "EndpointSlice", w.name() + "-a");
        ((ObjectNode) s.get("metadata").get("labels")).put("kubernetes.io/service-name", w.name());
        s.put("addressType", "IPv4");
        ObjectNode ep = s.putArray("endpoints").addObject();
        ep.putArray("addresses").add("127.0.0.1");
        ep.putObject("conditions").put("ready", true).put("serving", true);
        ep.putObject("targetRef").put("kind", "Pod").put("name", w.name() + "-0").put("namespace", NAMESPACE);
        s.putArray("ports").addObject().put("name", "p").put("port", w.port()).put("protocol", "TCP");
        return s;
    }

    private static ObjectNode pod(Workload w) {
        ObjectNode p = meta(JSON.createObjectNode(), "v1", "Pod", w.name() + "-0");
        ObjectNode c = p.putObject("spec").putArray("containers").addObject().put("name", w.name()).put("image", "x");
        c.putArray("ports").addObject().put("name", "p").put("containerPort", w.port()).put("protocol", "TCP");
        ObjectNode st = p.putObject("status").put("phase", "Running").put("podIP", "127.0.0.1");
        st.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        st.putArray("containerStatuses").addObject().put("name", w.name()).put("ready", true);
        return p;
    }

    private static ObjectNode deployment(Workload w) {
        ObjectNode d = meta(JSON.createObjectNode(), "apps/v1", "Deployment", w.name());
        ObjectNode spec = d.putObject("spec").put("replicas", 1);
        spec.putObject("selector").putObject("matchLabels").put("app", w.name());
        spec.putObject("template").putObject("metadata").putObject("labels").put("app", w.name());
        d.putObject("status").put("replicas", 1).put("readyReplicas", 1).put("availableReplicas", 1);
        return d;
    }
}
