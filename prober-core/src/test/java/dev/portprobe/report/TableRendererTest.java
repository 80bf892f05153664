package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRendererTest {
    private static final String ESC = "\u001b";

    private static List<String> lines(Report report, RenderOptions options) {
        return Arrays.asList(Renderers.of(Format.TABLE, options).renderToString(report).split("\n"));
    }

    @Test
    void writesOneHeadingPerServiceOrWorkloadInPlanOrder() {
        List<String> headings = lines(SampleReports.everyStatus(), RenderOptions.PLAIN).stream()
                .filter(l -> !l.isEmpty() && !l.startsWith(" ") && l.endsWith(")"))
                .toList();
        assertThat(headings).containsExactly(
                "gloo (service)", "extauth (service)", "rate-limit (service)", "gateway-proxy (service)",
                "redis (service)", "access-log (service)", "observability (service)",
                "glooe-grafana (service, workload grafana)", "glooe-prometheus-server (service, workload prometheus)",
                "gateway-proxy (workload)");
    }

    @Test
    void alignsEveryColumnAcrossGroups() {
        List<String> lines = lines(SampleReports.everyStatus(), RenderOptions.PLAIN);
        String header = lines.stream().filter(l -> l.contains("PORT")).findFirst().orElseThrow();
        assertThat(header).startsWith("  PORT");
        int statusColumn = header.indexOf("STATUS");
        int detailColumn = header.indexOf("DETAIL");
        List<String> rows = lines.stream().filter(l -> l.matches("  \\d.*")).toList();
        assertThat(rows).hasSize(SampleReports.everyStatus().results().size());
        for (String row : rows) {
            assertThat(row.substring(statusColumn)).matches("[A-Z_]+ .*");
            assertThat(row.charAt(detailColumn - 1)).isEqualTo(' ');
            assertThat(row.charAt(detailColumn)).isNotEqualTo(' ');
        }
    }

    @Test
    void putsTheHintOnAnIndentedLineUnderEveryRowThatIsNotOk() {
        List<String> lines = lines(SampleReports.everyStatus(), RenderOptions.PLAIN);
        int row = indexOf(lines, "WRONG_PROTOCOL");
        assertThat(lines.get(row + 1)).startsWith("      hint: an HTTP/1.x server answers on 9988");
        int okRow = indexOf(lines, "  9977 ");
        assertThat(lines.get(okRow + 1)).doesNotContain("hint:");
        long hints = lines.stream().filter(l -> l.trim().startsWith("hint:")).count();
        long withHint = SampleReports.everyStatus().results().stream()
                .filter(r -> !r.status().ok() && r.hint() != null).count();
        assertThat(hints).isEqualTo(withHint);
    }

    @Test
    void marksDriftOnThePortAndSaysWhatDrifted() {
        List<String> lines = lines(SampleReports.everyStatus(), RenderOptions.PLAIN);
        int row = indexOf(lines, "REFUSED");
        assertThat(lines.get(row)).startsWith("  8083 ~ ");
        assertThat(lines.get(row + 1)).isEqualTo("      ~ targetPort 8083 -> 8084 (live)");
    }

    @Test
    void showsServicePortAndTargetPortWhenTheyDiffer() {
        assertThat(lines(SampleReports.everyStatus(), RenderOptions.PLAIN)).anyMatch(l -> l.startsWith("  443->8443 "));
    }

    @Test
    void endsWithNotesAndTheSummaryLine() {
        List<String> lines = lines(SampleReports.everyStatus(), RenderOptions.PLAIN);
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("12 checks: 2 OK, 7 failed, 1 warning (optional port), 2 skipped in 812 ms");
        assertThat(lines).contains("note: kubectl context kind-gloo");
        assertThat(lines(SampleReports.allOk(), RenderOptions.PLAIN).get(lines(SampleReports.allOk(),
                RenderOptions.PLAIN).size() - 1)).isEqualTo("2 checks: 2 OK, 0 failed, 0 skipped in 40 ms");
    }

    @Test
    void writesNoEscapeSequenceWithoutColour() {
        String out = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(SampleReports.everyStatus());
        assertThat(out).doesNotContain(ESC);
    }

    @Test
    void colourChangesNothingButTheEscapeSequences() {
        Report report = SampleReports.everyStatus();
        String coloured = Renderers.of(Format.TABLE, new RenderOptions(true, false)).renderToString(report);
        String plain = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(report);
        assertThat(coloured).contains(ESC + "[32mOK" + ESC + "[0m").contains(ESC + "[1;31mREFUSED");
        assertThat(Ansi.strip(coloured)).isEqualTo(plain);
    }

    @Test
    void cutsLongDetailsUnlessVerbose() {
        String longDetail = "x".repeat(200);
        Report base = SampleReports.allOk();
        CheckResult r = base.results().get(0);
        Report report = new Report(base.profile(), base.mode(), base.namespace(), base.startedAt(), base.durationMs(),
                List.of(new CheckResult(r.check(), r.status(), r.observed(), r.endpoint(), "gloo-abc", r.latencyMs(),
                        longDetail, null, List.of(), SampleReports.tls())), List.of());
        String compact = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(report);
        assertThat(compact).doesNotContain(longDetail).contains("x".repeat(TableRenderer.DETAIL_WIDTH - 3) + "...")
                .doesNotContain("endpoint ");
        String verbose = Renderers.of(Format.TABLE, new RenderOptions(false, true)).renderToString(report);
        assertThat(verbose).contains(longDetail)
                .contains("      endpoint 127.0.0.1:9977, pod gloo-abc")
                .contains("      tls TLSv1.3 TLS_AES_128_GCM_SHA256, alpn h2, subject CN=gloo.gloo-system.svc");
    }

    @Test
    void showsTheMeasuredPhasesOnlyWhenVerbose() {
        Report report = SampleReports.everyStatus();
        assertThat(Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(report)).doesNotContain("phases");
        String verbose = Renderers.of(Format.TABLE, new RenderOptions(false, true)).renderToString(report);
        assertThat(verbose).contains("      phases connect 0.30 ms, firstByte 1.90 ms\n")
                .contains("      phases dns 0.40 ms, connect 0.20 ms, tls 8.10 ms, firstByte 1.50 ms\n");
    }

    @Test
    void showsADashForWhatIsUnknown() {
        List<String> lines = lines(SampleReports.everyStatus(), RenderOptions.PLAIN);
        String unresolved = lines.get(indexOf(lines, "UNRESOLVED"));
        assertThat(unresolved).matches("  8083 +grpc +UNRESOLVED +- +- +Service access-log not found");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text);
    }
}
