package dev.portprobe.loopback;

import java.io.IOException;

/**
 * How a protocol folder acts out one of its protocols in a simulated install: it starts a server for the site's check
 * on the site's loopback host, through the site (which owns the listeners and the certificates), and says what the
 * server does.
 */
@FunctionalInterface
public interface DemoServer {

    /** Starts the server; the site stops it when the install closes. */
    Served serve(DemoSite site) throws IOException;

    /**
     * A started demo server.
     *
     * @param acts what the server does, for the demo's output ("TLS", "gRPC, health SERVING")
     */
    record Served(int port, String acts) {
    }
}
