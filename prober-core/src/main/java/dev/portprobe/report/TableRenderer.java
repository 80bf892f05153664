package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import dev.portprobe.report.Ansi.Style;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human table: a heading per Service or workload, one row per result, the hint indented under every row that is not
 * OK, drift marked with {@code ~}, then the notes and a summary line. Colour only through {@link Ansi}. A per-node
 * report is drawn as a node x port matrix instead ({@link NodeMatrixTable}).
 */
final class TableRenderer implements ReportRenderer {
    static final int DETAIL_WIDTH = 64;
    private static final String[] HEADERS = {"PORT", "EXPECTED", "STATUS", "OBSERVED", "LATENCY", "DETAIL"};
    private static final String INDENT = "  ";
    private static final String SUB_INDENT = "      ";

    private final RenderOptions options;
    private final Ansi ansi;

    TableRenderer(RenderOptions options) {
        this.options = options;
        this.ansi = Ansi.of(options.color());
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        if (!report.nodes().isEmpty()) {
            new NodeMatrixTable(options).render(report, out); // job run --per-node: a node x port matrix
            return;
        }
        Map<ReportText.Group, List<CheckResult>> groups = ReportText.groups(report);
        int[] widths = widths(report.results());
        List<String> lines = new ArrayList<>();
        lines.add(ansi.paint(Style.DIM, header(report)));
        lines.add("");
        lines.add(INDENT + headerRow(widths));
        if (report.clusters().isEmpty()) {
            groupLines(groups, null, widths, lines);
        } else {
            for (ClusterRun c : report.clusters()) {
                lines.add(ansi.paint(Style.BOLD, "== cluster " + c.label() + ", profile " + c.profile()
                        + (c.namespace() == null ? "" : ", namespace " + c.namespace())));
                if (c.error() != null) {
                    lines.add(INDENT + ansi.paint(Style.BOLD_RED, "UNREACHABLE") + "  " + ReportText.oneLine(c.error()));
                }
                groupLines(groups, c.context(), widths, lines);
            }
        }
        lines.add("");
        for (String note : report.notes()) {
            lines.add("note: " + ReportText.oneLine(note));
        }
        lines.add(summary(report));
        for (String line : lines) {
            out.write(line.stripTrailing());
            out.write('\n');
        }
        out.flush();
    }

    /** The groups of one cluster ({@code cluster} null: of a single-cluster report, all of them). */
    private void groupLines(Map<ReportText.Group, List<CheckResult>> groups, String cluster, int[] widths,
                            List<String> lines) {
        for (Map.Entry<ReportText.Group, List<CheckResult>> g : groups.entrySet()) {
            if (cluster != null && !cluster.equals(g.getKey().cluster())) {
                continue;
            }
            lines.add(ansi.paint(Style.BOLD, g.getKey().heading()));
            for (CheckResult r : g.getValue()) {
                lines.add(INDENT + row(r, widths));
                lines.addAll(subLines(r));
            }
        }
    }

    private int[] widths(List<CheckResult> results) {
        int[] w = new int[HEADERS.length - 1];
        for (int i = 0; i < w.length; i++) {
            w[i] = HEADERS[i].length();
        }
        for (CheckResult r : results) {
            String[] cells = cells(r);
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], cells[i].length());
            }
        }
        return w;
    }

    private String headerRow(int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < HEADERS.length; i++) {
            b.append(i < widths.length ? pad(HEADERS[i], widths[i]) : HEADERS[i]);
        }
        return ansi.paint(Style.DIM, b.toString().stripTrailing());
    }

    /** Plain cells: PORT, EXPECTED, STATUS, OBSERVED, LATENCY, DETAIL. */
    private String[] cells(CheckResult r) {
        String port = ReportText.port(r.check()) + (r.drift().isEmpty() ? "" : " ~");
        String detail = ReportText.orNone(ReportText.oneLine(r.detail()));
        if (!options.verbose()) {
            detail = ReportText.truncate(detail, DETAIL_WIDTH);
        }
        String status = r.status().name() + (r.status().failed() && !r.check().required() ? " (optional)" : "");
        return new String[] {port, r.check().expected().id(), status, ReportText.orNone(r.observed()),
                ReportText.latency(r.latencyMs()), detail};
    }

    private String row(CheckResult r, int[] widths) {
        String[] cells = cells(r);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = i == 2 ? ansi.paint(statusStyle(r), cells[i]) : cells[i];
            b.append(cell);
            if (i < widths.length) {
                b.append(" ".repeat(widths[i] - cells[i].length() + 2));
            }
        }
        return b.toString();
    }

    private List<String> subLines(CheckResult r) {
        List<String> lines = new ArrayList<>();
        if (!r.drift().isEmpty()) {
            lines.add(SUB_INDENT + ansi.paint(Style.YELLOW, "~ " + ReportText.drift(r.drift())));
        }
        if (!r.status().ok() && r.hint() != null) {
            lines.add(SUB_INDENT + ansi.paint(Style.CYAN, "hint: ") + ReportText.oneLine(r.hint()));
        }
        if (options.verbose()) {
            if (r.endpoint() != null) {
                lines.add(SUB_INDENT + ansi.paint(Style.DIM, "endpoint " + r.endpoint()
                        + (r.pod() == null ? "" : ", pod " + r.pod())));
            }
            if (r.tls() != null) {
                lines.add(SUB_INDENT + ansi.paint(Style.DIM, "tls " + ReportText.tls(r.tls())));
            }
            String phases = ReportText.phases(r.phases());
            if (phases != null) {
                lines.add(SUB_INDENT + ansi.paint(Style.DIM, "phases " + phases));
            }
        }
        return lines;
    }

    private static Style statusStyle(CheckResult r) {
        if (r.status().ok()) {
            return Style.GREEN;
        }
        if (r.status() == Status.SKIPPED) {
            return Style.DIM;
        }
        return r.check().required() ? Style.BOLD_RED : Style.YELLOW;
    }

    private String summary(Report report) {
        String text = ReportText.summary(report);
        Style style = report.exitCode() == 0 ? Style.GREEN : Style.BOLD_RED;
        return ansi.paint(style, text);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length() + 2);
    }

    /** "profile P, namespace N, mode M", leaving out what a single check does not have. */
    private static String header(Report report) {
        List<String> parts = new ArrayList<>();
        if (report.profile() != null) {
            parts.add("profile " + report.profile());
        }
        String namespaces = report.clusters().isEmpty() ? ReportText.namespaces(report) : null; // a fleet: per cluster
        if (namespaces != null) {
            parts.add(namespaces);
        }
        if (!report.clusters().isEmpty()) {
            parts.add(report.clusters().size() + " clusters");
        }
        parts.add("mode " + report.mode());
        return String.join(", ", parts);
    }
}
