package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every renderer's whole output for a report with every status, byte for byte: the layout (line breaks,
 * indentation, the XML declaration, properties, empty system-out/err) is part of what CI systems and people read,
 * and the unit tests of each renderer check fields, not the whole document. After an intended change of layout,
 * regenerate with {@code PORTPROBE_GOLDEN_UPDATE=1} and read the diff.
 */
class RendererGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JUNIT", "JSON", "MARKDOWN", "TABLE", "OPENMETRICS"})
    void rendersTheEveryStatusReportExactlyAsBefore(Format format) throws IOException {
        String out = Renderers.of(format, RenderOptions.PLAIN).renderToString(SampleReports.everyStatus());
        Path golden = DIR.resolve("every-status." + format.name().toLowerCase(java.util.Locale.ROOT) + ".txt");
        if ("1".equals(System.getenv("PORTPROBE_GOLDEN_UPDATE"))) {
            Files.writeString(golden, out, StandardCharsets.UTF_8);
        }
        assertThat(out).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** A fleet report: results grouped by cluster, a cross-cluster result, an unreachable cluster's one line. */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JUNIT", "JSON", "MARKDOWN", "TABLE", "OPENMETRICS"})
    void rendersTheFleetReportExactlyAsBefore(Format format) throws IOException {
        String out = Renderers.of(format, RenderOptions.PLAIN).renderToString(SampleReports.fleet());
        Path golden = DIR.resolve("fleet." + format.name().toLowerCase(java.util.Locale.ROOT) + ".txt");
        if ("1".equals(System.getenv("PORTPROBE_GOLDEN_UPDATE"))) {
            Files.writeString(golden, out, StandardCharsets.UTF_8);
        }
        assertThat(out).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
