package dev.portprobe.report;

import dev.portprobe.outcome.Status;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** One {@code <testcase>} of {@link JunitRenderer}. */
final class JunitCase {
    private JunitCase() {
    }

    /** @param byEndpoint the check has several results (one per endpoint): name each after its pod or endpoint */
    static void write(Report report, ReportText.Group group, CheckResult r, boolean byEndpoint, XMLStreamWriter x)
            throws XMLStreamException {
        String name = name(r, byEndpoint);
        JunitRenderer.Kind kind = JunitRenderer.Kind.of(r);
        if (kind == JunitRenderer.Kind.PASSED) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("name", JunitRenderer.clean(name));
        x.writeAttribute("classname", JunitRenderer.clean(JunitRenderer.packageOf(report) + "."
                + (group.cluster() == null ? "" : group.cluster() + ".")
                + (group.namespace() == null ? "" : group.namespace() + ".") + r.check().name()));
        x.writeAttribute("time", JunitRenderer.seconds(r.latencyMs() == null ? 0 : r.latencyMs() / 1000.0));
        if (kind == JunitRenderer.Kind.PASSED) {
            return;
        }
        JunitRenderer.newline(x, 3);
        switch (kind) {
            case FAILURE -> x.writeStartElement("failure");
            case ERROR -> x.writeStartElement("error");
            default -> x.writeStartElement("skipped");
        }
        x.writeAttribute("message", JunitRenderer.clean(message(r)));
        x.writeAttribute("type", r.status().name());
        x.writeCharacters(JunitRenderer.clean(body(r)));
        x.writeEndElement();
        JunitRenderer.newline(x, 2);
        x.writeEndElement();
    }

    /** The test case's name: "service:port (usage)", and " @ POD" for one of several results of a check. */
    static String name(CheckResult r, boolean byEndpoint) {
        String name = ReportText.checkLabel(r.check());
        if (byEndpoint) {
            name += " @ " + ReportText.orNone(r.pod() != null ? r.pod() : r.endpoint());
        }
        return name;
    }

    /** "WRONG_PROTOCOL: expected grpc, observed http: DETAIL"; for an optional check, says it fails nothing. */
    static String message(CheckResult r) {
        StringBuilder b = new StringBuilder();
        if (r.status().failed() && !r.check().required()) {
            b.append("optional check, does not fail the run: ");
        }
        b.append(r.status().name());
        if (r.status() != Status.SKIPPED) {
            b.append(": expected ").append(r.check().expected().id())
                    .append(", observed ").append(r.observed() == null ? "nothing" : r.observed());
        }
        if (r.detail() != null) {
            b.append(": ").append(r.detail());
        }
        return ReportText.oneLine(b.toString());
    }

    /** The element text: one "key: value" line per fact. */
    static String body(CheckResult r) {
        StringBuilder b = new StringBuilder("\n");
        line(b, "status", r.status().name());
        line(b, "expected", r.check().expected().id());
        line(b, "observed", r.observed() == null ? "nothing" : r.observed());
        line(b, "endpoint", r.endpoint());
        line(b, "pod", r.pod());
        line(b, "detail", r.detail());
        line(b, "hint", r.hint());
        if (!r.drift().isEmpty()) {
            line(b, "drift", ReportText.drift(r.drift()));
        }
        if (r.tls() != null) {
            line(b, "tls", ReportText.tls(r.tls()));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null) {
            b.append(key).append(": ").append(ReportText.oneLine(value)).append('\n');
        }
    }
}
