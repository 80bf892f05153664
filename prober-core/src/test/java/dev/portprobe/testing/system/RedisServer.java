package dev.portprobe.testing.system;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real redis-server on a free loopback port, optionally with requirepass. */
public final class RedisServer extends ExternalProcess {
    private final int port;

    private RedisServer(List<String> command, java.nio.file.Path dir, int port) throws IOException {
        super(command, dir);
        this.port = port;
    }

    public static RedisServer start(String password) throws IOException, InterruptedException {
        var binary = SystemTests.require("redis-server", "redis-server");
        int port = FreePorts.next();
        var dir = Files.createTempDirectory("portprobe-redis");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "no"));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        RedisServer server = new RedisServer(cmd, dir, port);
        try {
            server.awaitPorts(Duration.ofSeconds(20), port);
        } catch (IOException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }
}
