package dev.portprobe.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README checker masks what varies between runs, and nothing that a reader relies on. */
class SampleTextTest {

    @Test
    void latenciesPortsAndTimestampsMayDifferButNotStatusesOrWords() {
        List<String> readme = List.of(
                "  9977       grpc      OK      grpc      1150 ms  gRPC answered; no health service (UNIMPLEMENTED)",
                "  10101      tcp       OK      tcp       96 ms    connected to 127.0.1.5:41115",
                "expires 2026-12-26T16:36:38Z");
        String same = """
                  9977       grpc      OK      grpc      92 ms    gRPC answered; no health service (UNIMPLEMENTED)
                  10101      tcp       OK      tcp       1196 ms  connected to 127.0.1.5:38415
                expires 2027-01-02T01:02:03.456Z
                """;
        assertThat(SampleText.compare(readme, same)).isNull();

        String otherStatus = same.replace("grpc      OK", "grpc      UNHEALTHY");
        assertThat(SampleText.compare(readme, otherStatus)).isNotNull()
                .extracting(SampleText.Mismatch::line).isEqualTo(0);
        String otherAddress = same.replace("127.0.1.5", "127.0.1.6");
        assertThat(SampleText.compare(readme, otherAddress)).isNotNull();
        assertThat(SampleText.compare(readme, same + "one more line\n")).isNotNull()
                .extracting(SampleText.Mismatch::line).isEqualTo(3);
    }

    @Test
    void cutDetailCellsAgreeWhenOneStartsWithTheOther() {
        // The cell is cut at a fixed width before the masking, so a shorter number lets more text in.
        List<String> readme = List.of("  443  https  TIMEOUT  silent  5016 ms  handshake: no reply within 3028 ms; ident...");
        assertThat(SampleText.compare(readme, "  443  https  TIMEOUT  silent  5 ms  handshake: no reply within 28 ms; identif...\n"))
                .isNull();
        assertThat(SampleText.compare(readme, "  443  https  TIMEOUT  silent  5 ms  handshake: refused within 28 ms; identif...\n"))
                .isNotNull();
    }

    @Test
    void aJsonSampleMayShowSomeResultsAndMasksOnlyTimings() {
        List<String> readme = List.of("""
                {"schema": "portprobe/v1", "durationMs": 5096,
                 "results": [{"name": "gloo", "kind": "service", "port": 9977, "status": "WRONG_PROTOCOL", "latencyMs": 1.5}]}
                """);
        String build = """
                {"schema": "portprobe/v1", "durationMs": 12,
                 "results": [{"name": "gloo", "kind": "service", "port": 9988, "status": "OK", "latencyMs": 3.0},
                             {"name": "gloo", "kind": "service", "port": 9977, "status": "WRONG_PROTOCOL", "latencyMs": 9.0}]}
                """;
        assertThat(SampleText.compare(readme, build)).isNull();
        assertThat(SampleText.compare(readme, build.replace("WRONG_PROTOCOL", "OK"))).isNotNull();
    }
}
