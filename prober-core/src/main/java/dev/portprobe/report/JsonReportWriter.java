package dev.portprobe.report;

import dev.portprobe.outcome.TlsInfo;
import dev.portprobe.outcome.Status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.portprobe.plan.Check;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code -o json}: exactly DESIGN's schema ("Statuses, exit codes, JSON"), fields in its order, nulls written as null.
 * Added fields (allowed: "add fields, never rename"): {@code drift} on every result, {@code tls} on every result (null
 * without a completed handshake), {@code notes} and {@code apiError} (null, or how the API failed during the run) at
 * the end of the document, {@code namespaces} (every namespace probed; {@code namespace} is null when there are
 * several), {@code namespace} on every result, and {@code node} on every result of a per-node report (one with a node
 * on any result; other reports leave it out). {@link JsonReportReader} reads it back.
 */
public final class JsonReportWriter implements ReportRenderer {
    public static final String SCHEMA = "portprobe/v1";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public void render(Report report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            writeReport(report, g);
        }
        out.write('\n');
        out.flush();
    }

    /**
     * {@code identify -o json}: the report's conventions for one port (schema first, the same field names, nulls
     * written as null, the same {@code tls} object): {@code schema, endpoint, observed, status, detail, tls}.
     *
     * @param status OK when something answered, REFUSED, or TIMEOUT when nothing connected in time
     */
    public static void writeIdentification(Writer out, String endpoint, String observed, Status status, String detail,
                                           TlsInfo tls) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(prettyPrinter());
            g.writeStartObject();
            g.writeStringField("schema", SCHEMA);
            g.writeStringField("endpoint", endpoint);
            g.writeStringField("observed", observed);
            g.writeStringField("status", status.name());
            g.writeStringField("detail", detail);
            writeTls(tls, g);
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    private static void writeReport(Report report, JsonGenerator g) throws IOException {
        Report.Summary s = report.summary();
        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeStringField("profile", report.profile());
        g.writeStringField("mode", report.mode());
        g.writeStringField("namespace", report.namespace());
        g.writeArrayFieldStart("namespaces");
        for (String ns : report.namespaces()) {
            g.writeString(ns);
        }
        g.writeEndArray();
        g.writeStringField("startedAt", instant(report.startedAt()));
        g.writeNumberField("durationMs", report.durationMs());
        g.writeObjectFieldStart("summary");
        g.writeNumberField("total", s.total());
        g.writeNumberField("ok", s.ok());
        g.writeNumberField("failed", s.failed());
        g.writeNumberField("skipped", s.skipped());
        g.writeNumberField("warnings", s.warnings());
        g.writeEndObject();
        g.writeArrayFieldStart("results");
        boolean perNode = !report.nodes().isEmpty();
        for (CheckResult r : report.results()) {
            writeResult(r, perNode, g);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notes");
        for (String note : report.notes()) {
            g.writeString(note);
        }
        g.writeEndArray();
        g.writeStringField("apiError", report.apiError());
        g.writeEndObject();
    }

    private static void writeResult(CheckResult r, boolean perNode, JsonGenerator g) throws IOException {
        Check c = r.check();
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("namespace", c.namespace());
        g.writeStringField("kind", c.kind().id());
        g.writeStringField("workload", c.workload());
        g.writeNumberField("port", c.port());
        g.writeNumberField("targetPort", c.targetPort());
        g.writeStringField("usage", c.usage() == null || c.usage().isBlank() ? null : c.usage());
        g.writeStringField("expected", c.expected().id());
        g.writeStringField("observed", r.observed());
        g.writeStringField("status", r.status().name());
        g.writeBooleanField("required", c.required());
        g.writeStringField("endpoint", r.endpoint());
        g.writeStringField("pod", r.pod());
        g.writeFieldName("latencyMs");
        if (r.latencyMs() == null) {
            g.writeNull();
        } else {
            g.writeNumber(Math.round(r.latencyMs() * 10) / 10.0);
        }
        g.writeStringField("detail", r.detail());
        g.writeStringField("hint", r.hint());
        writeDrift(r, g);
        writeTls(r.tls(), g);
        if (perNode) {
            g.writeStringField("node", r.node());
        }
        g.writeEndObject();
    }

    /** {@code null}, or {@code {"targetPort": {"table": 8083, "live": 8084}}}: an object keyed by field. */
    private static void writeDrift(CheckResult r, JsonGenerator g) throws IOException {
        g.writeFieldName("drift");
        if (r.drift().isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Drift d : r.drift()) {
            g.writeObjectFieldStart(d.field());
            g.writeFieldName("table");
            writeScalar(d.table(), g);
            g.writeFieldName("live");
            writeScalar(d.live(), g);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeTls(TlsInfo t, JsonGenerator g) throws IOException {
        g.writeFieldName("tls");
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("version", t.version());
        g.writeStringField("cipher", t.cipher());
        g.writeStringField("alpn", t.alpn());
        g.writeStringField("subject", t.subject());
        g.writeArrayFieldStart("sans");
        for (String san : t.sans()) {
            g.writeString(san);
        }
        g.writeEndArray();
        g.writeStringField("notAfter", instant(t.notAfter()));
        g.writeBooleanField("clientCertRequested", t.clientCertRequested());
        g.writeFieldName("verified");
        writeScalar(t.verified(), g);
        g.writeEndObject();
    }

    private static void writeScalar(Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(value.toString());
        }
    }

    /** ISO-8601 UTC to the millisecond: "2026-11-26T15:00:00Z", "2026-11-26T15:00:00.125Z". */
    static String instant(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
