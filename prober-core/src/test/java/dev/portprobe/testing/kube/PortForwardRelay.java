package dev.portprobe.testing.kube;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kubelet's side of a {@code v4.channel.k8s.io} port-forward, relaying to real loopback servers. Each websocket
 * carries one connection to one port: frames are binary with a one-byte channel prefix (0 data, 1 error), and the
 * first frame on each channel is the port number, two bytes little-endian. Like the kubelet, it then dials the
 * port "inside the pod": a {@link #route} when one is set for that (pod, port), else the pod's loopback IP and the
 * port itself; when that is refused, it writes the kubelet's error text on channel 1 and closes.
 */
public final class PortForwardRelay {
    private final Map<String, String> podIps = new ConcurrentHashMap<>();
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dialed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> fromPort = new ConcurrentHashMap<>();
    private final Set<Session> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicLong bytesToPods = new AtomicLong();
    private final AtomicLong bytesFromPods = new AtomicLong();

    /** Makes {@code pod} reachable: its ports are dialed at {@code ip}. */
    public void pod(String namespace, String name, String ip) {
        podIps.put(namespace + "/" + name, ip);
    }

    public boolean knows(String namespace, String pod) {
        return podIps.containsKey(namespace + "/" + pod);
    }

    /**
     * Makes port {@code containerPort} of {@code pod} land on {@code server} (a real server bound elsewhere on
     * loopback, such as a simulated install's), as if it listened inside the pod. The pod must be known
     * ({@link #pod}).
     */
    public void route(String namespace, String pod, int containerPort, InetSocketAddress server) {
        routes.put(key(namespace, pod, containerPort), server);
    }

    /** Connections the relay opened to {@code containerPort} of {@code pod} (refusals not counted). */
    public int dialed(String namespace, String pod, int containerPort) {
        AtomicInteger n = dialed.get(key(namespace, pod, containerPort));
        return n == null ? 0 : n.get();
    }

    /** Bytes that {@code containerPort} of {@code pod} sent back across port-forwards. */
    public long bytesFrom(String namespace, String pod, int containerPort) {
        AtomicLong n = fromPort.get(key(namespace, pod, containerPort));
        return n == null ? 0 : n.get();
    }

    private static String key(String namespace, String pod, int port) {
        return namespace + "/" + pod + ":" + port;
    }

    WebSocketListener session(String namespace, String pod, int port) {
        String k = key(namespace, pod, port);
        InetSocketAddress to = routes.getOrDefault(k, new InetSocketAddress(podIps.get(namespace + "/" + pod), port));
        return new Session(pod, port, to, dialed.computeIfAbsent(k, x -> new AtomicInteger()),
                fromPort.computeIfAbsent(k, x -> new AtomicLong()));
    }

    public int sessions() {
        return sessions.get();
    }

    public int openSessions() {
        return open.size();
    }

    public int refusals() {
        return refusals.get();
    }

    public long bytesToPods() {
        return bytesToPods.get();
    }

    public long bytesFromPods() {
        return bytesFromPods.get();
    }

    /** What containerd's kubelet writes when the port refuses inside the pod's network namespace. */
    static String kubeletRefusal(String pod, int port) {
        return "error forwarding port " + port + " to pod " + pod + "-uid, uid : failed to execute portforward in "
                + "network namespace \"/var/run/netns/cni-4c1f\": failed to connect to localhost:" + port
                + " inside namespace \"" + pod + "\", IPv4: dial tcp4 127.0.0.1:" + port
                + ": connect: connection refused IPv6 dial tcp6 [::1]:" + port + ": connect: connection refused ";
    }

    private final class Session extends WebSocketListener {
        private final String pod;
        private final int port;
        private final InetSocketAddress to;
        private final AtomicInteger dials;
        private final AtomicLong answered;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Socket backend;

        Session(String pod, int port, InetSocketAddress to, AtomicInteger dials, AtomicLong answered) {
            this.pod = pod;
            this.port = port;
            this.to = to;
            this.dials = dials;
            this.answered = answered;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            sessions.incrementAndGet();
            open.add(this);
            byte[] preamble = {0, (byte) (port & 0xff), (byte) (port >> 8)};
            ws.send(preamble.clone());
            preamble[0] = 1;
            ws.send(preamble);
            Socket s = new Socket();
            try {
                s.connect(to, 1000);
                backend = s;
                dials.incrementAndGet();
            } catch (IOException e) {
                closeQuietly(s);
                refusals.incrementAndGet();
                ws.send(frame(1, kubeletRefusal(pod, port).getBytes(StandardCharsets.UTF_8), 0,
                        kubeletRefusal(pod, port).length()));
                ws.close(1000, "");
                close();
                return;
            }
            Thread pump = new Thread(() -> pump(ws), "relay-" + pod + ":" + port);
            pump.setDaemon(true);
            pump.start();
        }

        private void pump(WebSocket ws) {
            byte[] buf = new byte[8192];
            try (InputStream in = backend.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    bytesFromPods.addAndGet(n);
                    answered.addAndGet(n);
                    ws.send(frame(0, buf, 0, n));
                }
            } catch (IOException e) {
                // the backend or the session went away
            }
            ws.close(1000, "");
            close();
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            if (bytes.length < 2 || bytes[0] != 0 || backend == null) {
                return;
            }
            try {
                backend.getOutputStream().write(bytes, 1, bytes.length - 1);
                bytesToPods.addAndGet(bytes.length - 1L);
            } catch (IOException e) {
                ws.close(1000, "");
                close();
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            close();
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            close();
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            close();
        }

        private void close() {
            if (closed.compareAndSet(false, true)) {
                open.remove(this);
                Socket s = backend;
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // already gone
                    }
                }
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // never connected
        }
    }

    private static byte[] frame(int channel, byte[] data, int offset, int length) {
        byte[] out = new byte[length + 1];
        out[0] = (byte) channel;
        System.arraycopy(data, offset, out, 1, length);
        return out;
    }

    @Override
    public String toString() {
        return "relay" + Arrays.asList(sessions.get(), refusals.get(), open.size());
    }
}
