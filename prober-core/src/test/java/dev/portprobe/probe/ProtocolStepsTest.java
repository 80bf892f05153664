package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.wire.Sniff;
import dev.portprobe.profile.Protocol;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The folders' identification steps as the identifier sees them (by rank, each rank once, none in the identifier's own),
 * and their readings of the classifier's kinds.
 */
class ProtocolStepsTest {

    @Test
    void theRegisteredFoldersGiveTheirStepsInDesignsOrder() {
        assertThat(ProtocolSupports.identifySteps()).extracting(ProtocolStep::label, ProtocolStep::rank, ProtocolStep::observed)
                .containsExactly(
                        tuple("HTTP/2 preface", 2, Observed.H2),
                        tuple("HTTP/1.1 GET", 3, Observed.HTTP),
                        tuple("RESP PING", 4, Observed.REDIS),
                        tuple("DNS query", 5, Observed.DNS));
        assertThat(ProtocolSupports.identifySteps()).filteredOn(s -> !s.anyProtocol()).extracting(ProtocolStep::label)
                .containsExactly("DNS query");
    }

    @Test
    void everyKindTheClassifierTellsIsReadByAFolder() {
        for (Sniff kind : Sniff.values()) {
            ReplyReading reading = ProtocolSupports.reading(kind);
            if (kind == Sniff.UNKNOWN || kind == Sniff.NEED_MORE) {
                assertThat(reading).as(kind.name()).isNull();
            } else {
                assertThat(reading).as(kind.name()).isNotNull();
                assertThat(reading.kind()).isEqualTo(kind);
            }
        }
        assertThat(ProtocolSupports.reading(Sniff.RESP).observed()).isEqualTo(Observed.REDIS);
        assertThat(Replies.name("+PONG\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(new Replies.Finding(Observed.REDIS, "answered \"+PONG\" (RESP)"));
    }

    @Test
    void stepsAreSortedByRankWhateverTheFolderOrder() {
        List<ProtocolStep> steps = ProtocolSupports.steps(List.of(folder(step("late", 7)), folder(step("early", 3))));

        assertThat(steps).extracting(ProtocolStep::label).containsExactly("early", "late");
    }

    @Test
    void twoStepsWithOneRankAreRefused() {
        assertThatThrownBy(() -> ProtocolSupports.steps(List.of(folder(step("a", 6)), folder(step("b", 6)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"b\" has rank 6");
    }

    @Test
    void theIdentifiersOwnRanksAreRefused() {
        assertThatThrownBy(() -> ProtocolSupports.steps(List.of(folder(step("tls again", 1)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ranks below 2");
    }

    private static ProtocolSupport folder(ProtocolStep step) {
        return new ProtocolSupport() {
            @Override
            public Map<Protocol, Probe> probes() {
                return Map.of();
            }

            @Override
            public List<ProtocolStep> identifySteps() {
                return List.of(step);
            }
        };
    }

    private static ProtocolStep step(String label, int rank) {
        return new ProtocolStep() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public int rank() {
                return rank;
            }

            @Override
            public Observed observed() {
                return Observed.UNKNOWN;
            }

            @Override
            public byte[] request(ProbeRequest request) {
                return new byte[0];
            }

            @Override
            public boolean complete(byte[] bytes) {
                return true;
            }
        };
    }
}
