package dev.portprobe.cli.readme;

import dev.portprobe.testing.system.NginxServer;
import dev.portprobe.testing.system.RedisServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real servers that README samples name in braces, started once, on first use, on free loopback ports:
 * {@code {nginx-http}}, {@code {nginx-https}}, {@code {nginx-h2c}} (nginx from Debian's package),
 * {@code {redis}} (redis-server), {@code {closed}} (a port nothing listens on), and {@code {fleet-kubeconfig}}
 * (the clusters of the fleet sample, {@link FleetFixture}: a kubeconfig file, not an address). A missing binary skips the
 * samples that need it, or fails them under {@code PORTPROBE_SYSTEM_TESTS=required}.
 */
public final class Fixtures implements AutoCloseable {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9-]+)}");
    private NginxServer nginx;
    private RedisServer redis;
    private FleetFixture fleet;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** {@code arg} with every placeholder replaced by {@code 127.0.0.1:PORT} of its server. */
    public String expand(String arg) throws Exception {
        if (arg.equals("{fleet-kubeconfig}")) { // a file, not an address: see FleetFixture
            if (fleet == null) {
                fleet = FleetFixture.start(java.nio.file.Path.of("..").toAbsolutePath().normalize());
                open.add(fleet);
            }
            return FleetFixture.KUBECONFIG;
        }
        Matcher m = PLACEHOLDER.matcher(arg);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, "127.0.0.1:" + port(m.group(1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private int port(String name) throws Exception {
        return switch (name) {
            case "nginx-http" -> nginx().httpPort;
            case "nginx-https" -> nginx().httpsPort;
            case "nginx-h2c" -> nginx().h2cPort;
            case "redis" -> redis().port();
            case "closed" -> closedPort();
            default -> throw new IllegalArgumentException("no README fixture named {" + name + "}");
        };
    }

    private NginxServer nginx() throws Exception {
        if (nginx == null) {
            nginx = NginxServer.start();
            open.add(nginx);
        }
        return nginx;
    }

    private RedisServer redis() throws Exception {
        if (redis == null) {
            redis = RedisServer.start(null);
            open.add(redis);
        }
        return redis;
    }

    private static int closedPort() {
        return dev.portprobe.testing.Ports.closed();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
    }
}
