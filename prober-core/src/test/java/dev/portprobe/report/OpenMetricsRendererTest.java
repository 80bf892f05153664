package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenMetricsRendererTest {
    private static String render(Report report) {
        return new OpenMetricsRenderer("kind-gloo").renderToString(report);
    }

    private static List<String> samples(String text, String family) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(family + "{")).toList();
    }

    @Test
    void writesOneOkSampleAndOneStatusSamplePerStateForEveryResult() {
        Report report = SampleReports.everyStatus();
        String text = render(report);
        assertThat(samples(text, "portprobe_check_ok")).hasSize(report.results().size());
        assertThat(samples(text, "portprobe_check_status")).hasSize(report.results().size() * Status.values().length);
        assertThat(text).contains("portprobe_check_ok{cluster=\"kind-gloo\",namespace=\"\",name=\"gloo\",kind=\"service\","
                + "port=\"9977\",expected=\"grpc\"} 1\n");
        assertThat(text).contains("portprobe_check_status{cluster=\"kind-gloo\",namespace=\"\",name=\"gloo\","
                + "kind=\"service\",port=\"9988\",expected=\"grpc\",status=\"WRONG_PROTOCOL\"} 1\n");
        assertThat(text).contains("portprobe_check_status{cluster=\"kind-gloo\",namespace=\"\",name=\"gloo\","
                + "kind=\"service\",port=\"9988\",expected=\"grpc\",status=\"OK\"} 0\n");
    }

    @Test
    void keepsFreeTextOutOfEveryLabel() {
        String text = render(SampleReports.everyStatus());
        assertThat(text).doesNotContain("First received frame", "bell", "kubectl", "127.0.0.1", "HTTPS <listener>");
        assertThat(text).contains("observed=\"http\",required=\"true\"} 1\n", "observed=\"\",required=\"false\"} 1\n");
    }

    @Test
    void writesPhasesInSecondsAndOnlyThoseMeasured() {
        String text = render(SampleReports.everyStatus());
        assertThat(text).contains("port=\"443\",expected=\"https\",phase=\"tls\"} 0.0081\n",
                "port=\"443\",expected=\"https\",phase=\"first_byte\"} 0.0015\n",
                "port=\"9977\",expected=\"grpc\",phase=\"connect\"} 0.0003\n");
        assertThat(text).doesNotContain("port=\"9977\",expected=\"grpc\",phase=\"dns\"");
        assertThat(samples(text, "portprobe_check_phase_duration_seconds")).hasSize(2 + 4 + 1);
    }

    @Test
    void writesTheCertificateExpiryAsEpochSeconds() {
        assertThat(render(SampleReports.everyStatus())).contains(
                "portprobe_tls_cert_expiry_timestamp_seconds{cluster=\"kind-gloo\",namespace=\"\",name=\"gloo\","
                        + "kind=\"service\",port=\"443\",expected=\"https\"} 1798761600\n");
    }

    @Test
    void givesEveryFamilyTypeAndHelpBeforeItsSamplesAndEndsWithEof() {
        String text = render(SampleReports.everyStatus());
        String[] lines = text.split("\n");
        java.util.Set<String> declared = new java.util.HashSet<>();
        for (String line : lines) {
            if (line.startsWith("# TYPE ")) {
                declared.add(line.split(" ")[2]);
            } else if (!line.startsWith("#")) {
                assertThat(declared).as(line).contains(line.substring(0, line.indexOf('{')));
            }
        }
        assertThat(declared).hasSize(8);
        assertThat(text).endsWith("\n# EOF\n").containsOnlyOnce("# EOF");
    }

    @Test
    void tellsResultsOfOneCheckApartByPodWhenTheRunHadSeveral() {
        Check web = SampleReports.service("web", "web", 80, 8080, Protocol.HTTP, "Web", true).inNamespace("team-a");
        Report report = new Report("web", "port-forward", "team-a", SampleReports.STARTED, 10, List.of(
                new CheckResult(web, Status.OK, "http", "127.0.0.1:40001", "web-1", 1.0, "200", null, List.of(), null),
                new CheckResult(web, Status.REFUSED, null, "127.0.0.1:40002", "web-2", 1.0, "refused", "h", List.of(),
                        null)), List.of());
        assertThat(samples(render(report), "portprobe_check_ok")).containsExactly(
                "portprobe_check_ok{cluster=\"kind-gloo\",namespace=\"team-a\",name=\"web\",kind=\"service\",port=\"80\","
                        + "expected=\"http\",pod=\"web-1\"} 1",
                "portprobe_check_ok{cluster=\"kind-gloo\",namespace=\"team-a\",name=\"web\",kind=\"service\",port=\"80\","
                        + "expected=\"http\",pod=\"web-2\"} 0");
    }

    @Test
    void letsAnExporterAppendItsOwnFamiliesBeforeEof() throws IOException {
        Report report = SampleReports.allOk();
        OpenMetricsRenderer renderer = new OpenMetricsRenderer("c1");
        StringBuilder out = new StringBuilder();
        renderer.writeFamilies(report, out);
        OpenMetricsText.family(out, "portprobe_status_transitions", OpenMetricsText.Type.COUNTER, null, "Changes.");
        OpenMetricsText.sample(out, "portprobe_status_transitions_total", renderer.labels(report).get(0), 3);
        OpenMetricsText.eof(out);
        assertThat(out.toString()).doesNotContain("# EOF\n#").endsWith("# TYPE portprobe_status_transitions counter\n"
                + "# HELP portprobe_status_transitions Changes.\n"
                + "portprobe_status_transitions_total{cluster=\"c1\",namespace=\"\",name=\"gloo\",kind=\"service\","
                + "port=\"9977\",expected=\"grpc\"} 3\n# EOF\n");
    }

    @Test
    void escapesLabelValuesAndWritesPlainDecimals() {
        assertThat(OpenMetricsText.escapeLabel("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(OpenMetricsText.number(0.0000031)).isEqualTo("0.000003");
        assertThat(OpenMetricsText.number(3.184820644)).isEqualTo("3.184821");
        assertThat(OpenMetricsText.number(1.7987616E9)).isEqualTo("1798761600");
        assertThat(OpenMetricsText.number(0.0)).isEqualTo("0");
    }
}
