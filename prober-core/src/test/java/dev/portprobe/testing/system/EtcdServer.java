package dev.portprobe.testing.system;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/** A real etcd on free loopback ports: its client port serves gRPC with grpc.health.v1. */
public final class EtcdServer extends ExternalProcess {
    private final int clientPort;

    private EtcdServer(List<String> command, java.nio.file.Path dir, int clientPort) throws IOException {
        super(command, dir);
        this.clientPort = clientPort;
    }

    public static EtcdServer start() throws IOException, InterruptedException {
        var binary = SystemTests.require("etcd", "etcd-server");
        int client = FreePorts.next();
        int peer = FreePorts.next();
        var dir = Files.createTempDirectory("portprobe-etcd");
        String clientUrl = "http://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        List<String> cmd = List.of(binary.toString(),
                "--name", "portprobe-test",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "portprobe-test=" + peerUrl);
        EtcdServer server = new EtcdServer(cmd, dir, client);
        try {
            server.awaitPorts(Duration.ofSeconds(30), client);
        } catch (IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int clientPort() {
        return clientPort;
    }
}
