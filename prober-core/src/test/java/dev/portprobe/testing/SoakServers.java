package dev.portprobe.testing;

import dev.portprobe.testing.HostileServer.Misbehaviour;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The soak test's peers, healthy and hostile, in a process of their own, so that the soak's descriptor and thread
 * counts see only the prober. Prints one {@code NAME PORT} line per server, then {@code ready}, and runs until its
 * standard input closes. Start it as {@code java -cp TEST_CLASSPATH dev.portprobe.testing.SoakServers}.
 */
public final class SoakServers {
    private SoakServers() {
    }

    public static void main(String[] args) throws Exception {
        List<AutoCloseable> open = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        HostileServer tcp = keep(open, new HostileServer(new Misbehaviour.AcceptThenClose()));
        ports.put("tcp", tcp.port());
        HostileServer http = keep(open, new HostileServer(new Misbehaviour.Garbage(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        ports.put("http", http.port());
        GrpcTestServer grpc = keep(open, GrpcTestServer.withHealth(Map.of("", ServingStatus.SERVING), null));
        ports.put("grpc", grpc.port());
        TlsServer tls = keep(open, TlsServer.builder(TestCertificates.get().server).start());
        ports.put("tls", tls.port());
        hostile(open, ports, "silent", new Misbehaviour.AcceptThenSilence());
        hostile(open, ports, "reset", new Misbehaviour.ResetAfterAccept());
        hostile(open, ports, "garbage", new Misbehaviour.Garbage(HostileServer.GARBAGE));
        hostile(open, ports, "slow drip", new Misbehaviour.SlowDrip("HTTP/1.1 200 OK\r\n", 20));
        hostile(open, ports, "TLS stall", new Misbehaviour.TlsHandshakeStall());
        hostile(open, ports, "GOAWAY", new Misbehaviour.GoawayAfterPreface());
        hostile(open, ports, "accept and close", new Misbehaviour.AcceptThenClose());
        ports.forEach((name, port) -> System.out.println(name + "=" + port));
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the test closes our standard input
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static void hostile(List<AutoCloseable> open, Map<String, Integer> ports, String name, Misbehaviour m) {
        ports.put(name, keep(open, new HostileServer(m)).port());
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> open, T server) {
        open.add(server);
        return server;
    }
}
