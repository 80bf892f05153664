package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void parsesEveryFormatIdInAnyCase() throws Exception {
        assertThat(Format.parse("table")).isEqualTo(Format.TABLE);
        assertThat(Format.parse("JSON")).isEqualTo(Format.JSON);
        assertThat(Format.parse(" junit ")).isEqualTo(Format.JUNIT);
        assertThat(Format.parse("Markdown")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.parse("OpenMetrics")).isEqualTo(Format.OPENMETRICS);
    }

    @Test
    void rejectsAnUnknownFormatNamingTheValidOnes() {
        assertThatThrownBy(() -> Format.parse("yaml"))
                .isInstanceOf(InputException.class)
                .hasMessage("unknown output format 'yaml' (valid: table, json, junit, markdown, openmetrics)");
    }

    @Test
    void everyFormatHasARenderer() {
        for (Format f : Format.values()) {
            String out = Renderers.of(f, RenderOptions.PLAIN).renderToString(SampleReports.everyStatus());
            assertThat(out).as(f.id()).isNotBlank().endsWith("\n");
        }
    }
}
