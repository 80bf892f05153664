package dev.portprobe.report;

import dev.portprobe.outcome.Status;
import dev.portprobe.report.Ansi.Style;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The table of a per-node report: a node x port matrix. A heading per Service or workload as in the table, one row per
 * port, one column per node, the cell the status of that port from that node (the worst, when the port has several
 * endpoints); under a row that is not OK everywhere, its distinct hints. Then the notes and the summary.
 */
final class NodeMatrixTable {
    private static final String INDENT = "  ";
    private static final String SUB_INDENT = "      ";

    private final Ansi ansi;

    NodeMatrixTable(RenderOptions options) {
        this.ansi = Ansi.of(options.color());
    }

    /** One row: a check's port and expected protocol, then per node its results. */
    private record Row(String port, String expected, Map<String, List<CheckResult>> byNode) {
    }

    void render(Report report, Writer out) throws IOException {
        List<String> nodes = report.nodes();
        Map<ReportText.Group, Map<ReportMerge.Key, Row>> groups = rows(report);
        int portWidth = "PORT".length();
        int expectedWidth = "EXPECTED".length();
        for (Map<ReportMerge.Key, Row> rows : groups.values()) {
            for (Row row : rows.values()) {
                portWidth = Math.max(portWidth, row.port().length());
                expectedWidth = Math.max(expectedWidth, row.expected().length());
            }
        }
        int[] nodeWidths = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            nodeWidths[i] = Math.max(nodes.get(i).length(), "WRONG_PROTOCOL".length());
        }
        List<String> lines = new ArrayList<>();
        String namespaces = ReportText.namespaces(report);
        lines.add(ansi.paint(Style.DIM, "profile " + report.profile() + (namespaces == null ? "" : ", " + namespaces)
                + ", mode " + report.mode() + ", " + nodes.size() + (nodes.size() == 1 ? " node" : " nodes")));
        lines.add("");
        StringBuilder header = new StringBuilder(INDENT).append(pad("PORT", portWidth)).append(pad("EXPECTED",
                expectedWidth));
        for (int i = 0; i < nodes.size(); i++) {
            header.append(pad(nodes.get(i), nodeWidths[i]));
        }
        lines.add(ansi.paint(Style.DIM, header.toString().stripTrailing()));
        for (Map.Entry<ReportText.Group, Map<ReportMerge.Key, Row>> g : groups.entrySet()) {
            lines.add(ansi.paint(Style.BOLD, g.getKey().heading()));
            for (Row row : g.getValue().values()) {
                StringBuilder b = new StringBuilder(INDENT).append(pad(row.port(), portWidth))
                        .append(pad(row.expected(), expectedWidth));
                LinkedHashSet<String> hints = new LinkedHashSet<>();
                for (int i = 0; i < nodes.size(); i++) {
                    List<CheckResult> results = row.byNode().getOrDefault(nodes.get(i), List.of());
                    CheckResult worst = worst(results);
                    String cell = worst == null ? ReportText.NONE : worst.status().name();
                    b.append(worst == null ? cell : ansi.paint(style(worst), cell))
                            .append(" ".repeat(nodeWidths[i] - cell.length() + 2));
                    for (CheckResult r : results) {
                        if (!r.status().ok() && r.hint() != null) {
                            hints.add(ReportText.oneLine(r.hint()));
                        }
                    }
                }
                lines.add(b.toString());
                for (String hint : hints) {
                    lines.add(SUB_INDENT + ansi.paint(Style.CYAN, "hint: ") + hint);
                }
            }
        }
        lines.add("");
        for (String note : report.notes()) {
            lines.add("note: " + ReportText.oneLine(note));
        }
        lines.add(ansi.paint(report.exitCode() == 0 ? Style.GREEN : Style.BOLD_RED, ReportText.summary(report)
                + " (" + nodes.size() + (nodes.size() == 1 ? " node)" : " nodes)")));
        for (String line : lines) {
            out.write(line.stripTrailing());
            out.write('\n');
        }
        out.flush();
    }

    private static Map<ReportText.Group, Map<ReportMerge.Key, Row>> rows(Report report) {
        Map<ReportText.Group, Map<ReportMerge.Key, Row>> groups = new LinkedHashMap<>();
        boolean several = report.namespaces().size() > 1;
        for (CheckResult r : report.results()) {
            var c = r.check();
            ReportText.Group g = new ReportText.Group(c.name(), c.kind(), c.workload(), several ? c.namespace() : null);
            Row row = groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(ReportMerge.Key.of(c),
                    k -> new Row(ReportText.port(c), c.expected().id(), new LinkedHashMap<>()));
            row.byNode().computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** The first result that fails, else the first that is not OK (SKIPPED), else the first. */
    private static CheckResult worst(List<CheckResult> results) {
        return results.stream().filter(r -> r.status().failed()).findFirst()
                .or(() -> results.stream().filter(r -> !r.status().ok()).findFirst())
                .orElse(results.isEmpty() ? null : results.get(0));
    }

    private static Style style(CheckResult r) {
        if (r.status().ok()) {
            return Style.GREEN;
        }
        if (r.status() == Status.SKIPPED) {
            return Style.DIM;
        }
        return r.check().required() ? Style.BOLD_RED : Style.YELLOW;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length() + 2);
    }
}
