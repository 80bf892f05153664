package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code -o junit}: JUnit XML as CI systems read it (it validates against the Jenkins xunit plugin's
 * {@code junit-10.xsd}). One {@code <testsuite>} per Service or workload, one {@code <testcase>} per result, named
 * {@code service:port (usage)} with classname {@code portprobe.PROFILE.NAME}. A per-node report has a suite per node and
 * Service ({@code NAME on node N}, with a {@code node} property), node after node.
 * <ul>
 * <li>A required check that is not OK is a {@code <failure type="STATUS">}, or an {@code <error type="ERROR">} for
 * ERROR; its text holds status, expected, observed, endpoint, detail, hint and drift. So failures + errors equals the
 * number of results that fail the run.</li>
 * <li>SKIPPED is {@code <skipped>}.</li>
 * <li>An optional check (one that does not fail the run) that is not OK is also {@code <skipped type="STATUS">} with a
 * message saying so: a {@code <failure>} would fail a CI build that portprobe itself passes (exit 0), and a passed
 * test case would hide it.</li>
 * </ul>
 * The 2011 Ant schema (windyroad {@code JUnit.xsd}) predates {@code <skipped>} and the {@code skipped} attribute; apart
 * from those, every attribute and element it requires is written.
 */
final class JunitRenderer implements ReportRenderer {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    @Override
    public void render(Report report, Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            newline(x, 0);
            write(report, x);
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        out.write('\n');
        out.flush();
    }

    private static void write(Report report, XMLStreamWriter x) throws XMLStreamException {
        Map<ReportText.Group, List<CheckResult>> groups = ReportText.groups(report);
        Counts all = Counts.of(report.results());
        x.writeStartElement("testsuites");
        x.writeAttribute("name", report.profile() == null ? "portprobe" : "portprobe " + report.profile());
        x.writeAttribute("tests", String.valueOf(all.tests + report.clusterErrors().size()));
        x.writeAttribute("failures", String.valueOf(all.failures));
        x.writeAttribute("errors", String.valueOf(all.errors + report.clusterErrors().size()));
        x.writeAttribute("time", seconds(report.durationMs() / 1000.0));
        int id = 0;
        for (Map.Entry<ReportText.Group, List<CheckResult>> g : groups.entrySet()) {
            newline(x, 1);
            writeSuite(report, g.getKey(), g.getValue(), id++, x);
        }
        for (ClusterRun down : report.clusterErrors()) {
            newline(x, 1);
            writeUnreachable(report, down, id++, x);
        }
        newline(x, 0);
        x.writeEndElement();
    }

    private static void writeSuite(Report report, ReportText.Group group, List<CheckResult> results, int id,
                                   XMLStreamWriter x) throws XMLStreamException {
        Counts c = Counts.of(results);
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(suiteName(group)));
        x.writeAttribute("tests", String.valueOf(c.tests));
        x.writeAttribute("failures", String.valueOf(c.failures));
        x.writeAttribute("errors", String.valueOf(c.errors));
        x.writeAttribute("skipped", String.valueOf(c.skipped));
        x.writeAttribute("time", seconds(c.seconds));
        if (report.startedAt() != null) {
            x.writeAttribute("timestamp", LocalDateTime.ofInstant(report.startedAt(), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.SECONDS).format(TIMESTAMP));
        }
        x.writeAttribute("id", String.valueOf(id));
        x.writeAttribute("package", clean(packageOf(report)));
        writeProperties(report, group, results, x);
        for (CheckResult r : results) {
            newline(x, 2);
            JunitCase.write(report, group, r, results.size() > 1 && sameCheckTwice(results, r), x);
        }
        newline(x, 2);
        x.writeEmptyElement("system-out");
        newline(x, 2);
        x.writeEmptyElement("system-err");
        newline(x, 1);
        x.writeEndElement();
    }

    /** A fleet cluster that could not be reached: a suite of its own, one errored case holding its one line. */
    private static void writeUnreachable(Report report, ClusterRun down, int id, XMLStreamWriter x)
            throws XMLStreamException {
        x.writeStartElement("testsuite");
        x.writeAttribute("name", clean(down.context() + " (cluster)"));
        x.writeAttribute("tests", "1");
        x.writeAttribute("failures", "0");
        x.writeAttribute("errors", "1");
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", seconds(down.durationMs() / 1000.0));
        x.writeAttribute("id", String.valueOf(id));
        x.writeAttribute("package", clean(packageOf(report)));
        newline(x, 2);
        x.writeStartElement("testcase");
        x.writeAttribute("name", "cluster API");
        x.writeAttribute("classname", clean(packageOf(report) + "." + down.context()));
        x.writeAttribute("time", seconds(down.durationMs() / 1000.0));
        newline(x, 3);
        x.writeStartElement("error");
        x.writeAttribute("message", clean(ReportText.oneLine(down.error())));
        x.writeAttribute("type", "CLUSTER_UNREACHABLE");
        x.writeEndElement();
        newline(x, 2);
        x.writeEndElement();
        newline(x, 1);
        x.writeEndElement();
    }

    /** The Service's name, or "NAME (workload)": a Service and a workload may share a name, suites may not. */
    static String suiteName(ReportText.Group group) {
        String name = group.cluster() == null ? group.qualifiedName() : group.cluster() + "/" + group.qualifiedName();
        return group.kind() == dev.portprobe.plan.CheckKind.WORKLOAD ? name + " (workload)" : name;
    }

    /** "portprobe.PROFILE", or "portprobe" for an ad-hoc check, which has no profile. */
    static String packageOf(Report report) {
        return report.profile() == null ? "portprobe" : "portprobe." + report.profile();
    }

    private static boolean sameCheckTwice(List<CheckResult> results, CheckResult r) {
        return results.stream().filter(o -> o.check().equals(r.check())).count() > 1;
    }

    /**
     * The suite's facts, then one {@code phases TESTCASE-NAME} property per result with measured phases ({@code
     * junit-10.xsd} allows properties on a suite only, so they are keyed by the test case's name).
     */
    private static void writeProperties(Report report, ReportText.Group group, List<CheckResult> results,
                                        XMLStreamWriter x) throws XMLStreamException {
        newline(x, 2);
        x.writeStartElement("properties");
        property(x, "profile", report.profile());
        property(x, "mode", report.mode());
        if (group.cluster() != null) {
            property(x, "cluster", group.cluster());
        }
        property(x, "namespace", group.namespace() != null ? group.namespace() : report.namespace());
        property(x, "kind", group.kind().id());
        property(x, "workload", group.workload());
        property(x, "node", group.node());
        for (String note : report.notes()) {
            property(x, "note", note);
        }
        for (CheckResult r : results) {
            String phases = ReportText.phases(r.phases());
            if (phases != null) {
                property(x, "phases " + JunitCase.name(r, results.size() > 1 && sameCheckTwice(results, r)), phases);
            }
        }
        newline(x, 2);
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        newline(x, 3);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(ReportText.oneLine(value)));
    }

    static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(depth));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Drops what XML 1.0 cannot carry (control characters other than tab, newline, carriage return; lone surrogates). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(allowed(cp) ? cp : 0xFFFD));
        return b.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** How a result counts in JUnit terms. */
    enum Kind {
        PASSED, FAILURE, ERROR, SKIPPED;

        static Kind of(CheckResult r) {
            if (r.status().ok()) {
                return PASSED;
            }
            if (r.status() == Status.SKIPPED || !r.failsRun()) {
                return SKIPPED;
            }
            return r.status() == Status.ERROR ? ERROR : FAILURE;
        }
    }

    private record Counts(int tests, int failures, int errors, int skipped, double seconds) {
        static Counts of(List<CheckResult> results) {
            int failures = 0;
            int errors = 0;
            int skipped = 0;
            double seconds = 0;
            for (CheckResult r : results) {
                switch (Kind.of(r)) {
                    case FAILURE -> failures++;
                    case ERROR -> errors++;
                    case SKIPPED -> skipped++;
                    default -> { }
                }
                seconds += r.latencyMs() == null ? 0 : r.latencyMs() / 1000.0;
            }
            return new Counts(results.size(), failures, errors, skipped, seconds);
        }
    }
}
