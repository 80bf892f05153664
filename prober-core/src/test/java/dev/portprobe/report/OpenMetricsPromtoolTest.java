package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.system.Promtool;
import org.junit.jupiter.api.Test;

/**
 * System test: Prometheus' own linter and parser ({@code promtool check metrics}, Debian package {@code prometheus})
 * accepts the OpenMetrics output: types, help, names, units, no duplicate series.
 */
class OpenMetricsPromtoolTest {
    @Test
    void promtoolAcceptsTheEveryStatusReport() throws Exception {
        String text = new OpenMetricsRenderer("kind-gloo").renderToString(SampleReports.everyStatus());
        Promtool.Verdict verdict = Promtool.checkMetrics(text);
        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void promtoolAcceptsSeveralNamespacesAndAReportWithoutCluster() throws Exception {
        String text = new OpenMetricsRenderer().renderToString(SampleReports.twoNamespaces());
        Promtool.Verdict verdict = Promtool.checkMetrics(text);
        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void promtoolRejectsWhatItShould() throws Exception {
        // the check can fail: a sample of an undeclared type and a duplicate series are caught
        Promtool.Verdict verdict = Promtool.checkMetrics("# TYPE x stateset\nx{a=\"1\"} 1\n");
        assertThat(verdict.exitCode()).isNotZero();
    }
}
