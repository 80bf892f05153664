package dev.portprobe.testing.kube;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real TCP server on one loopback address and port (a pod's container port, a Service VIP), counting the
 * connections and bytes that reach it and the connections still open.
 */
public final class LoopbackServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesIn = new AtomicLong();
    private volatile boolean closed;

    private LoopbackServer(ServerSocket socket) {
        this.socket = socket;
    }

    public static LoopbackServer listen(String ip, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(ip), port), 50);
        LoopbackServer server = new LoopbackServer(s);
        Thread t = new Thread(server::acceptLoop, "backend-" + ip + ":" + port);
        t.setDaemon(true);
        t.start();
        return server;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket c = socket.accept();
                accepted.incrementAndGet();
                open.add(c);
                Thread t = new Thread(() -> drain(c), "backend-conn-" + socket.getLocalPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void drain(Socket c) {
        byte[] buf = new byte[4096];
        try (c; InputStream in = c.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                bytesIn.addAndGet(n);
            }
        } catch (IOException e) {
            // peer went away
        } finally {
            open.remove(c);
        }
    }

    /** The port it listens on (the one asked for, or the one the system chose for 0). */
    public int port() {
        return socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
        for (Socket c : open) {
            c.close();
        }
    }
}
