package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    private static final ProbeEngine ENGINE = new ProbeEngine();

    @AfterAll
    static void closeEngine() {
        ENGINE.close();
    }

    @Test
    void reportsOkWhenTheConnectionOpens() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProbeOutcome outcome = ENGINE.probe(request(server.getLocalPort())).join();
            assertThat(outcome.status()).isEqualTo(Status.OK);
            assertThat(outcome.observed()).isEqualTo(Observed.TCP);
        }
    }

    @Test
    void resetsTheConnectionSoNeitherSideKeepsATimeWaitSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5_000);
            assertThat(ENGINE.probe(request(server.getLocalPort())).join().status()).isEqualTo(Status.OK);
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5_000);
                // A FIN would read as end of stream (-1); SO_LINGER 0 makes the close a reset.
                assertThatThrownBy(() -> accepted.getInputStream().read())
                        .isInstanceOf(SocketException.class)
                        .hasMessageContaining("reset");
            }
        }
    }

    @Test
    void reportsRefusedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        ProbeOutcome outcome = ENGINE.probe(request(port)).join();
        assertThat(outcome.status()).isEqualTo(Status.REFUSED);
        assertThat(outcome.observed()).isNull();
        assertThat(outcome.hint()).contains("nothing listens on " + port);
    }

    private static ProbeRequest request(int port) {
        return new ProbeRequest("127.0.0.1", port, PortSpec.of(port, Protocol.TCP), Duration.ofSeconds(2));
    }
}
