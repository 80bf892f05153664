package dev.portprobe.testing.system;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real dnsmasq (Debian's dnsmasq-base) on a free loopback port, TCP and UDP, with no upstream: names under
 * {@code test.} are local (unknown ones are NXDOMAIN), {@code known} maps names to addresses, and any other name is
 * REFUSED (no server to forward to).
 */
public final class DnsmasqServer extends ExternalProcess {
    private final int port;

    private DnsmasqServer(List<String> command, java.nio.file.Path dir, int port) throws IOException {
        super(command, dir);
        this.port = port;
    }

    public static DnsmasqServer start(Map<String, String> known) throws IOException, InterruptedException {
        var binary = SystemTests.require("dnsmasq", "dnsmasq-base");
        int port = FreePorts.next();
        var dir = Files.createTempDirectory("portprobe-dnsmasq");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=" + port,
                "--pid-file=", "--log-facility=-", "--local=/test/"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--user=root"); // else dnsmasq drops to a user that may not exist in a container
        }
        known.forEach((name, address) -> cmd.add("--address=/" + name + "/" + address));
        DnsmasqServer server = new DnsmasqServer(cmd, dir, port);
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
