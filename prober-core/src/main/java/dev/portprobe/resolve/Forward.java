package dev.portprobe.resolve;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One fabric8 pod port-forward, listening on 127.0.0.1 only, shared by every check that goes to the same
 * (pod, port). Each local connection opens its own websocket; the kubelet's errors for all of them collect in
 * the forward's server throwables, and {@link #errorSince} picks out the new ones.
 */
final class Forward implements AutoCloseable {
    private final String pod;
    private final int port;
    private final LocalPortForward handle;

    Forward(String pod, int port, LocalPortForward handle) {
        this.pod = pod;
        this.port = port;
        this.handle = handle;
    }

    String pod() {
        return pod;
    }

    /** The container port in the pod. */
    int port() {
        return port;
    }

    InetAddress localAddress() {
        return handle.getLocalAddress();
    }

    int localPort() {
        return handle.getLocalPort();
    }

    boolean alive() {
        return handle.isAlive();
    }

    LocalPortForward handle() {
        return handle;
    }

    /** Every server-side error so far, to compare with later. */
    Set<Throwable> mark() {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.addAll(handle.getServerThrowables());
        return seen;
    }

    /** The weightiest error that arrived after {@code mark} was taken, or null. */
    ForwardError errorSince(Set<Throwable> mark) {
        ForwardError worst = null;
        for (Throwable t : handle.getServerThrowables()) {
            if (!mark.contains(t)) {
                ForwardError e = ForwardError.of(t);
                if (worst == null || e.kind().compareTo(worst.kind()) < 0) {
                    worst = e;
                }
            }
        }
        return worst;
    }

    @Override
    public void close() {
        try {
            handle.close();
        } catch (IOException | RuntimeException e) {
            // closing on the way out; nothing useful to do
        }
    }
}
