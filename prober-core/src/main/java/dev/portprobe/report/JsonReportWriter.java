package dev.portprobe.report;

import dev.portprobe.outcome.TlsInfo;
import dev.portprobe.outcome.Status;

import dev.portprobe.plan.Check;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * {@code -o json}: exactly DESIGN's schema ("Statuses, exit codes, JSON"), fields in its order, nulls written as null.
 * Added fields (allowed: "add fields, never rename"): {@code drift} on every result, {@code tls} on every result (null
 * without a completed handshake), {@code notes} and {@code apiError} (null, or how the API failed during the run) at
 * the end of the document, {@code namespaces} (every namespace probed; {@code namespace} is null when there are
 * several) and {@code namespace} on every result; fleet runs: {@code cluster} on every result (the kube context, null in
 * a single-cluster run), {@code node} after it on every result (the node of a per-node report, else null) and
 * {@code clusters} at the end (each cluster's name, context, profile, namespace, durationMs and error); {@code phases} after {@code latencyMs} on every result (null when no
 * phase was measured, else only the measured phases, in milliseconds to 0.01: {@code {"connect": 0.12, "firstByte":
 * 0.6}}). {@link JsonReportReader} reads it back.
 */
public final class JsonReportWriter implements ReportRenderer {
    public static final String SCHEMA = "portprobe/v1";

    /** Jackson 2's defaults, which the schema's bytes were fixed with: "/" unescaped, the target left open. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public void render(Report report, Writer out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            writeReport(report, g);
        } catch (JacksonIOException e) {
            throw e.getCause();
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
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject();
            g.writeStringProperty("schema", SCHEMA);
            g.writeStringProperty("endpoint", endpoint);
            g.writeStringProperty("observed", observed);
            g.writeStringProperty("status", status.name());
            g.writeStringProperty("detail", detail);
            writeTls(tls, g);
            g.writeEndObject();
        } catch (JacksonIOException e) {
            throw e.getCause();
        }
        out.write('\n');
        out.flush();
    }

    /** A generator pretty-printing {@code "key": value}, two spaces a level, every array element on its own line. */
    private static JsonGenerator generator(Writer out) {
        return FACTORY.createGenerator(new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
                Separators separators = Separators.createDefaultInstance()
                        .withObjectNameValueSpacing(Separators.Spacing.AFTER);
                return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
            }

            @Override
            public boolean hasPrettyPrinter() {
                return true;
            }
        }, out);
    }

    private static void writeReport(Report report, JsonGenerator g) throws JacksonException {
        Report.Summary s = report.summary();
        g.writeStartObject();
        g.writeStringProperty("schema", SCHEMA);
        g.writeStringProperty("profile", report.profile());
        g.writeStringProperty("mode", report.mode());
        g.writeStringProperty("namespace", report.namespace());
        g.writeArrayPropertyStart("namespaces");
        for (String ns : report.namespaces()) {
            g.writeString(ns);
        }
        g.writeEndArray();
        g.writeStringProperty("startedAt", instant(report.startedAt()));
        g.writeNumberProperty("durationMs", report.durationMs());
        g.writeObjectPropertyStart("summary");
        g.writeNumberProperty("total", s.total());
        g.writeNumberProperty("ok", s.ok());
        g.writeNumberProperty("failed", s.failed());
        g.writeNumberProperty("skipped", s.skipped());
        g.writeNumberProperty("warnings", s.warnings());
        g.writeEndObject();
        g.writeArrayPropertyStart("results");
        for (CheckResult r : report.results()) {
            writeResult(r, g);
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("notes");
        for (String note : report.notes()) {
            g.writeString(note);
        }
        g.writeEndArray();
        g.writeStringProperty("apiError", report.apiError());
        writeClusters(report, g);
        g.writeEndObject();
    }

    private static void writeResult(CheckResult r, JsonGenerator g) throws JacksonException {
        Check c = r.check();
        g.writeStartObject();
        g.writeStringProperty("name", c.name());
        g.writeStringProperty("namespace", c.namespace());
        g.writeStringProperty("cluster", c.cluster());
        g.writeStringProperty("node", r.node());
        g.writeStringProperty("kind", c.kind().id());
        g.writeStringProperty("workload", c.workload());
        g.writeNumberProperty("port", c.port());
        g.writeNumberProperty("targetPort", c.targetPort());
        g.writeStringProperty("usage", c.usage() == null || c.usage().isBlank() ? null : c.usage());
        g.writeStringProperty("expected", c.expected().id());
        g.writeStringProperty("observed", r.observed());
        g.writeStringProperty("status", r.status().name());
        g.writeBooleanProperty("required", c.required());
        g.writeStringProperty("endpoint", r.endpoint());
        g.writeStringProperty("pod", r.pod());
        g.writeName("latencyMs");
        if (r.latencyMs() == null) {
            g.writeNull();
        } else {
            g.writeNumber(Math.round(r.latencyMs() * 10) / 10.0);
        }
        writePhases(r, g);
        g.writeStringProperty("detail", r.detail());
        g.writeStringProperty("hint", r.hint());
        writeDrift(r, g);
        writeTls(r.tls(), g);
        g.writeEndObject();
    }

    /** {@code null}, or the measured phases in milliseconds: {@code {"dns": 0.4, "connect": 0.1, ...}}. */
    private static void writePhases(CheckResult r, JsonGenerator g) throws JacksonException {
        g.writeName("phases");
        if (r.phases().isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (var p : r.phases().measured().entrySet()) {
            g.writeNumberProperty(p.getKey(), Math.round(p.getValue() * 100) / 100.0);
        }
        g.writeEndObject();
    }

    /** Every cluster of a fleet run; an empty list for a single-cluster run. */
    private static void writeClusters(Report report, JsonGenerator g) throws JacksonException {
        g.writeName("clusters");
        g.writeStartArray();
        for (ClusterRun c : report.clusters()) {
            g.writeStartObject();
            g.writeStringProperty("name", c.name());
            g.writeStringProperty("context", c.context());
            g.writeStringProperty("profile", c.profile());
            g.writeStringProperty("namespace", c.namespace());
            g.writeNumberProperty("durationMs", c.durationMs());
            g.writeStringProperty("error", c.error());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code null}, or {@code {"targetPort": {"table": 8083, "live": 8084}}}: an object keyed by field. */
    private static void writeDrift(CheckResult r, JsonGenerator g) throws JacksonException {
        g.writeName("drift");
        if (r.drift().isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        for (Drift d : r.drift()) {
            g.writeObjectPropertyStart(d.field());
            g.writeName("table");
            writeScalar(d.table(), g);
            g.writeName("live");
            writeScalar(d.live(), g);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeTls(TlsInfo t, JsonGenerator g) throws JacksonException {
        g.writeName("tls");
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("version", t.version());
        g.writeStringProperty("cipher", t.cipher());
        g.writeStringProperty("alpn", t.alpn());
        g.writeStringProperty("subject", t.subject());
        g.writeArrayPropertyStart("sans");
        for (String san : t.sans()) {
            g.writeString(san);
        }
        g.writeEndArray();
        g.writeStringProperty("notAfter", instant(t.notAfter()));
        g.writeBooleanProperty("clientCertRequested", t.clientCertRequested());
        g.writeName("verified");
        writeScalar(t.verified(), g);
        g.writeEndObject();
    }

    private static void writeScalar(Object value, JsonGenerator g) throws JacksonException {
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
