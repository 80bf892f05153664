package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeScopeTest {

    private static ProbeScope scope(ProbeEngine engine) {
        return new ProbeScope(engine, new ProbeRequest("127.0.0.1", 1, PortSpec.of(1, Protocol.TCP), Duration.ofSeconds(1)),
                System.nanoTime());
    }

    /** grpc-java makes its socket in a channel factory, before registering it: the scope may already be closed. */
    @Test
    void closesASocketThatIsTrackedAfterTheScopeClosedEvenBeforeItIsRegistered() {
        try (ProbeEngine engine = new ProbeEngine()) {
            ProbeScope scope = scope(engine);
            scope.close();
            Channel socket = new NioSocketChannel();
            scope.track(socket);
            assertThat(socket.isOpen()).isFalse();
        }
    }

    @Test
    void closesAnUnregisteredSocketWhenTheScopeCloses() {
        try (ProbeEngine engine = new ProbeEngine()) {
            ProbeScope scope = scope(engine);
            Channel socket = scope.track(new NioSocketChannel());
            scope.close();
            assertThat(socket.isOpen()).isFalse();
        }
    }
}
