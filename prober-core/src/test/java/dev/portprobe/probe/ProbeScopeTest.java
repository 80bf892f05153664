package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeScopeTest {

    private static ProbeScope scope(ProbeEngine engine) {
        return new ProbeScope(engine, new ProbeRequest("127.0.0.1", 1, PortSpec.of(1, Protocol.TCP), Duration.ofSeconds(1)),
                System.nanoTime());
    }

    @Test
    void closesASocketTrackedAfterTheScopeClosed() {
        try (ProbeEngine engine = new ProbeEngine()) {
            ProbeScope scope = scope(engine);
            scope.close();
            Channel socket = new NioSocketChannel();
            scope.track(socket);
            assertThat(socket.isOpen()).isFalse();
        }
    }

    @Test
    void closesASocketNeverHandedToAnEventLoopWhenTheScopeCloses() {
        try (ProbeEngine engine = new ProbeEngine()) {
            ProbeScope scope = scope(engine);
            Channel socket = scope.track(new NioSocketChannel());
            scope.close();
            assertThat(socket.isOpen()).isFalse();
        }
    }

    /**
     * The deadline closes a check's sockets from whatever thread its timer runs on, often while the socket's own
     * event loop is still registering it. Closing it there freed its descriptor under the loop, and the next socket
     * given that number failed to register (Netty asserts that no live registration holds it) and never heard back:
     * the soak test lost one check in 100,000 that way. Here, sockets are registered and closed from this thread at
     * once, 20,000 times, with the descriptors reused at once by the next socket; every registration must finish.
     * Batches of 1,000 keep the sockets open at any time far below the descriptor limit.
     */
    @Test
    void closingASocketWhileItsLoopRegistersItLeavesTheLoopSound() throws Exception {
        try (ProbeEngine engine = new ProbeEngine()) {
            for (int batch = 0; batch < 20; batch++) {
                List<ChannelFuture> registrations = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    ProbeScope scope = scope(engine);
                    Channel socket = engine.channelType().getConstructor().newInstance();
                    registrations.add(engine.group().register(socket));
                    scope.track(socket);
                    scope.close();
                }
                for (ChannelFuture registration : registrations) {
                    assertThat(registration.await(10, TimeUnit.SECONDS))
                            .as("registration of %s finished", registration.channel()).isTrue();
                    assertThat(registration.cause()).as("registration of %s", registration.channel())
                            .satisfiesAnyOf(c -> assertThat(c).isNull(),
                                    c -> assertThat(c).isInstanceOf(java.nio.channels.ClosedChannelException.class));
                    assertThat(registration.channel().closeFuture().await(10, TimeUnit.SECONDS))
                            .as("%s closed", registration.channel()).isTrue();
                }
            }
        }
    }
}
