package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.profile.Protocol;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every profile protocol is acted out in the demo by exactly one folder. */
class DemoServersTest {

    @Test
    void everyProtocolHasTheDemoServerOfExactlyOneFolder() {
        Map<Protocol, Integer> folders = new EnumMap<>(Protocol.class);
        for (ProtocolSupport support : ProtocolSupports.all()) {
            support.demoServers().keySet().forEach(p -> folders.merge(p, 1, Integer::sum));
        }
        for (Protocol p : Protocol.values()) {
            assertThat(folders.get(p)).as(p.id()).isEqualTo(1);
            DemoServer server = ProtocolSupports.demoServer(p);
            assertThat(server).as(p.id()).isNotNull();
        }
    }
}
