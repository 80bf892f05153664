package dev.portprobe.report;

import dev.portprobe.outcome.TlsInfo;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Wording shared by the human-facing renderers, so the table, Markdown and JUnit say the same thing. */
final class ReportText {
    static final String NONE = "-";

    private ReportText() {
    }

    /**
     * Results grouped by Service or workload (and by namespace when the report has several), in plan order. A Service
     * and a workload may share a name. In a fleet run, groups are also by cluster ({@link Check#cluster()}).
     */
    static Map<Group, List<CheckResult>> groups(Report report) {
        boolean several = report.namespaces().size() > 1;
        Map<Group, List<CheckResult>> groups = new LinkedHashMap<>();
        for (CheckResult r : report.results()) {
            Check c = r.check();
            Group g = new Group(c.name(), c.kind(), c.workload(), several ? c.namespace() : null, c.cluster(),
                    r.node());
            groups.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /**
     * A Service or workload: the unit of grouping in the table, the Markdown and the JUnit suites.
     *
     * @param namespace set only when the report has several namespaces, so that a group names its own
     * @param cluster   the kube context of the cluster in a fleet run, else null
     * @param node      the node of a per-node report ({@code job run --per-node}), so that each node has its groups
     */
    record Group(String name, CheckKind kind, String workload, String namespace, String cluster, String node) {
        Group(String name, CheckKind kind, String workload, String namespace) {
            this(name, kind, workload, namespace, null, null);
        }

        /** "NAME", or "NS/NAME" in a report of several namespaces; "NAME on node N" in a per-node report. */
        String qualifiedName() {
            return (namespace == null ? name : namespace + "/" + name) + (node == null ? "" : " on node " + node);
        }

        String heading() {
            if (kind == CheckKind.WORKLOAD) {
                return qualifiedName() + " (workload)";
            }
            if (workload == null || workload.equals(name)) {
                return qualifiedName() + " (service)";
            }
            return qualifiedName() + " (service, workload " + workload + ")";
        }
    }

    /** "namespace N", "namespaces A, B", or null when the report has none. */
    static String namespaces(Report report) {
        List<String> all = report.namespaces();
        if (all.isEmpty()) {
            return null;
        }
        return (all.size() == 1 ? "namespace " : "namespaces ") + String.join(", ", all);
    }

    /** "9977", or "80->3000" when a Service port sends to another container port. */
    static String port(Check check) {
        return check.targetPort() == check.port() ? String.valueOf(check.port()) : check.port() + "->" + check.targetPort();
    }

    /** "gloo:9977 (xDS Server)", or "gloo:9977" without a usage. */
    static String checkLabel(Check check) {
        String usage = check.usage();
        return check.id() + (usage == null || usage.isBlank() ? "" : " (" + usage + ")");
    }

    static String latency(Double ms) {
        if (ms == null) {
            return NONE;
        }
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** "dns 0.4 ms, connect 0.1 ms, tls 2.3 ms, firstByte 0.6 ms": the measured phases, or null when none was. */
    static String phases(dev.portprobe.outcome.Phases phases) {
        if (phases.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        phases.measured().forEach((key, ms) -> parts.add(key + " " + String.format(Locale.ROOT, "%.2f ms", ms)));
        return String.join(", ", parts);
    }

    static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    /** "targetPort 8083 -> 8084 (live)" for one drift field. */
    static String drift(Drift d) {
        return d.field() + " " + d.table() + " -> " + d.live() + " (live)";
    }

    static String drift(List<Drift> drift) {
        return drift.stream().map(ReportText::drift).collect(Collectors.joining("; "));
    }

    /**
     * "20 checks: 18 OK, 2 failed, 0 skipped in 812 ms"; failures of optional ports, which do not fail the run, are
     * counted apart: "19 checks: 18 OK, 0 failed, 1 warning (optional port), 0 skipped in 812 ms".
     */
    static String summary(Report report) {
        Report.Summary s = report.summary();
        String warnings = s.warnings() == 0 ? ""
                : s.warnings() + (s.warnings() == 1 ? " warning (optional port), " : " warnings (optional ports), ");
        return s.total() + (s.total() == 1 ? " check: " : " checks: ") + s.ok() + " OK, " + s.failed() + " failed, "
                + warnings + s.skipped() + " skipped" + unreachable(report) + " in " + report.durationMs() + " ms";
    }

    /** ", 1 cluster unreachable" in a fleet report where some cluster could not be reached, else nothing. */
    private static String unreachable(Report report) {
        int down = report.clusterErrors().size();
        return down == 0 ? "" : ", " + down + (down == 1 ? " cluster" : " clusters") + " unreachable";
    }

    /**
     * One line that is safe on a terminal: newlines and tabs become spaces, and any other control character (a
     * hostile server's banner could carry ESC sequences) is written as {@code \\xNN}.
     */
    static String oneLine(String s) {
        if (s == null) {
            return null;
        }
        String flat = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        StringBuilder b = new StringBuilder(flat.length());
        for (int i = 0; i < flat.length(); i++) {
            char c = flat.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Cuts {@code s} to {@code max} characters, ending with "..." when it cut. */
    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 3)).stripTrailing() + "...";
    }

    /** The TLS facts on one line: "TLSv1.3 TLS_AES_128_GCM_SHA256, alpn h2, subject CN=x, SANs a,b, expires 2027-01-01T00:00:00Z". */
    static String tls(TlsInfo t) {
        StringBuilder b = new StringBuilder();
        b.append(orNone(t.version())).append(' ').append(orNone(t.cipher()));
        if (t.alpn() != null) {
            b.append(", alpn ").append(t.alpn());
        }
        if (t.subject() != null) {
            b.append(", subject ").append(t.subject());
        }
        if (!t.sans().isEmpty()) {
            b.append(", SANs ").append(String.join(",", t.sans()));
        }
        if (t.notAfter() != null) {
            b.append(", expires ").append(t.notAfter());
        }
        if (t.clientCertRequested()) {
            b.append(", client certificate requested");
        }
        if (t.verified() != null) {
            b.append(t.verified() ? ", verified" : ", NOT verified");
        }
        return b.toString();
    }
}
