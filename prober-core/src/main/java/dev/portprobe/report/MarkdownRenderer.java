package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code -o markdown}: a GitHub table to paste into an issue, one row per result, after a one-line summary. Cell text
 * is escaped so that a {@code |} or Markdown punctuation in a detail cannot break the table.
 */
final class MarkdownRenderer implements ReportRenderer {
    private final RenderOptions options;

    MarkdownRenderer(RenderOptions options) {
        this.options = options;
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> namespaces = report.namespaces();
        boolean several = namespaces.size() > 1;
        b.append("**portprobe**");
        if (report.profile() != null && !report.clusters().isEmpty()) { // a fleet: namespaces are per cluster
            b.append(" `").append(code(report.profile())).append("`, ").append(report.clusters().size())
                    .append(" clusters");
        } else if (report.profile() != null) { // an ad-hoc check has neither profile nor namespace
            b.append(" `").append(code(report.profile())).append("`, ")
                    .append(several ? "namespaces " : "namespace ")
                    .append(namespaces.isEmpty() ? "`" + code(ReportText.NONE) + "`" : namespaces.stream()
                            .map(ns -> "`" + code(ns) + "`").collect(java.util.stream.Collectors.joining(", ")));
        }
        b.append(", mode ").append(escape(report.mode()))
                .append(": ").append(escape(ReportText.summary(report))).append("\n\n");
        boolean fleet = !report.clusters().isEmpty();
        b.append(fleet ? "| Cluster " : "").append("| Service | Port | Expected | Status | Observed | Detail / hint |\n");
        b.append(fleet ? "|---" : "").append("|---|---|---|---|---|---|\n");
        for (ClusterRun down : report.clusterErrors()) {
            b.append("| ").append(escape(down.context())).append(" | - | - | - | **UNREACHABLE** | - | ")
                    .append(escape(down.error())).append(" |\n");
        }
        for (CheckResult r : report.results()) {
            if (fleet) {
                b.append("| ").append(escape(ReportText.orNone(r.check().cluster()))).append(' ');
            }
            b.append("| ").append(escape(several && r.check().namespace() != null
                            ? r.check().namespace() + "/" + name(r) : name(r)))
                    .append(" | ").append(escape(ReportText.port(r.check())))
                    .append(" | ").append(escape(r.check().expected().id()))
                    .append(" | ").append(status(r))
                    .append(" | ").append(escape(ReportText.orNone(r.observed())))
                    .append(" | ").append(detail(r))
                    .append(" |\n");
        }
        for (String note : report.notes()) {
            b.append("\n> ").append(escape(ReportText.oneLine(note))).append('\n');
        }
        out.write(b.toString());
        out.flush();
    }

    private String name(CheckResult r) {
        String name = r.check().name();
        if (r.check().kind() == dev.portprobe.plan.CheckKind.WORKLOAD) {
            name += " (workload)";
        }
        if (options.verbose() && r.pod() != null) {
            name += " / " + r.pod();
        }
        return name;
    }

    private static String status(CheckResult r) {
        String s = r.status().name();
        if (r.failsRun()) {
            return "**" + s + "**";
        }
        return r.status().failed() ? s + " (optional)" : s;
    }

    private String detail(CheckResult r) {
        StringBuilder b = new StringBuilder(escape(ReportText.orNone(r.detail())));
        if (!r.drift().isEmpty()) {
            b.append("<br>drift: ").append(escape(ReportText.drift(r.drift())));
        }
        if (!r.status().ok() && r.hint() != null) {
            b.append("<br>hint: ").append(escape(r.hint()));
        }
        if (options.verbose() && r.tls() != null) {
            b.append("<br>tls: ").append(escape(ReportText.tls(r.tls())));
        }
        return b.toString();
    }

    /**
     * Backslash-escapes what could start Markdown or HTML inside a cell, on one line. {@code > # !} only matter at the
     * start of a line or before {@code [}, which a cell never is.
     */
    static String escape(String s) {
        String text = ReportText.oneLine(s == null ? "" : s);
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<|~&".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Inside a code span only a backtick and a pipe matter; names never hold them, but be safe. */
    private static String code(String s) {
        return s.replace("`", "'").replace("|", "\\|");
    }
}
