package dev.portprobe.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API for tests: fabric8's mock server in CRUD mode, with pod port-forwards upgraded to a live
 * {@link PortForwardRelay}, and faults that answer chosen requests with an error status a few times.
 */
public final class FakeKubeApi implements AutoCloseable {
    /** Kept so the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver");
    private static final Pattern PORT_FORWARD =
            Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward\\?ports=(\\d+)");

    private final KubernetesMockServer server;
    private final PortForwardRelay relay = new PortForwardRelay();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> podLogs = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
    private final boolean https;

    /** Answers requests matching {@code method} and {@code pathRegex} with {@code code}, {@code times} times. */
    private record Fault(String method, Pattern path, int code, String message, AtomicInteger left) {
    }

    private FakeKubeApi(boolean https) {
        this.https = https;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new RelayingDispatcher(), https);
        server.init();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(name);
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    public static FakeKubeApi start() {
        return new FakeKubeApi(false);
    }

    /** Served over TLS with a self-signed certificate for "localhost" ({@link #caCertificate()}). */
    public static FakeKubeApi startHttps() {
        return new FakeKubeApi(true);
    }

    public PortForwardRelay relay() {
        return relay;
    }

    public int port() {
        return server.getPort();
    }

    /** An admin client to load fixtures with (not the client under test). */
    public KubernetesClient adminClient() {
        return server.createClient(new OkHttpClientFactory());
    }

    /** The server's certificate in PEM, to use as the cluster CA. */
    public Path caCertificate() {
        return Path.of(server.getSelfSignedCertificate().certificatePath());
    }

    /** A kubeconfig with one context, {@code contextName}, whose namespace is {@code contextNamespace} (or none). */
    public Path kubeconfig(Path dir, String contextName, String contextNamespace, String token) throws IOException {
        return kubeconfig(dir, contextName, contextNamespace, token, port());
    }

    /** The same, with the server at {@code serverPort} on 127.0.0.1: an {@link ApiLink} in front of this API. */
    public Path kubeconfig(Path dir, String contextName, String contextNamespace, String token, int serverPort)
            throws IOException {
        String ns = contextNamespace == null ? "" : ", namespace: " + contextNamespace;
        String server = (https ? "https" : "http") + "://127.0.0.1:" + serverPort;
        Path file = dir.resolve("kubeconfig-" + contextName);
        Files.writeString(file, "apiVersion: v1\nkind: Config\ncurrent-context: " + contextName + "\n"
                + "clusters:\n- name: fake\n  cluster: {server: \"" + server + "\", insecure-skip-tls-verify: true}\n"
                + "contexts:\n- name: " + contextName + "\n  context: {cluster: fake, user: tester" + ns + "}\n"
                + "users:\n- name: tester\n  user: {token: \"" + token + "\"}\n");
        return file;
    }

    public void fail(String method, String pathRegex, int code, String message, int times) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), code, message, new AtomicInteger(times)));
    }

    /** What {@code GET .../pods/POD/log} (followed or not) answers for this pod, as a kubelet would serve it. */
    public void podLog(String namespace, String pod, String log) {
        podLogs.put(namespace + "/" + pod, log);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** "GET /api/v1/namespaces/gloo-system/services", in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class RelayingDispatcher extends Dispatcher {
        private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            requests.add(request.getMethod() + " " + path);
            String auth = request.getHeader("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            for (Fault f : faults) {
                if (f.method().equals(request.getMethod()) && f.path().matcher(path).find()
                        && f.left().getAndDecrement() > 0) {
                    return status(f.code(), f.message());
                }
            }
            Matcher log = POD_LOG.matcher(path);
            if ("GET".equals(request.getMethod()) && log.matches()) {
                String text = podLogs.get(log.group(1) + "/" + log.group(2));
                return text == null ? status(404, "pods \"" + log.group(2) + "\" has no log")
                        : new MockResponse().setResponseCode(200).setBody(text);
            }
            Matcher m = PORT_FORWARD.matcher(path);
            if (m.matches()) {
                if (!relay.knows(m.group(1), m.group(2))) {
                    return status(404, "pods \"" + m.group(2) + "\" not found");
                }
                return new MockResponse().withWebSocketUpgrade(
                        relay.session(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
            }
            return crud.dispatch(request);
        }
    }

    private static MockResponse status(int code, String message) {
        String reason = switch (code) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            default -> "InternalError";
        };
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + "\"" + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
