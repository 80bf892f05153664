package dev.portprobe.report;

import dev.portprobe.outcome.Phases;
import dev.portprobe.outcome.Status;
import dev.portprobe.outcome.TlsInfo;

import dev.portprobe.InputException;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what {@link JsonReportWriter} wrote back into a {@link Report}. The checks it rebuilds carry what the JSON
 * holds (name, kind, workload, ports, usage, expected protocol, required), not the profile's probe options.
 */
public final class JsonReportReader {
    /** As Jackson 2 read: what follows the document is ignored ({@link #find} relies on it). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonReportReader() {
    }

    /** Parses one report document; {@code source} names it in messages. */
    public static Report read(String json, String source) throws InputException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(source, line, "not a portprobe JSON report: " + e.getOriginalMessage());
        }
        return toReport(root, source);
    }

    /**
     * Finds the report in text that may hold other lines too (a pod's log: progress on stderr, JVM warnings): the last
     * JSON object that starts at the beginning of a line and has {@code "schema": "portprobe/..."}.
     */
    public static Optional<Report> find(String text, String source) throws InputException {
        JsonNode found = null;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            if (text.startsWith("{", skipBlanks(text, start))) {
                JsonNode candidate = tryParse(text.substring(start));
                if (isReport(candidate)) {
                    found = candidate;
                }
            }
            start = next;
        }
        return found == null ? Optional.empty() : Optional.of(toReport(found, source));
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** The first JSON value of {@code text}; what follows it is ignored. Null when it does not parse. */
    private static JsonNode tryParse(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            return MAPPER.readTree(p);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static boolean isReport(JsonNode node) {
        return node != null && node.isObject() && string(node.path("schema")).startsWith("portprobe/")
                && node.path("results").isArray();
    }

    private static Report toReport(JsonNode root, String source) throws InputException {
        if (!isReport(root)) {
            throw new InputException(source, 0, "not a portprobe JSON report (no \"schema\": \"portprobe/...\" and results)");
        }
        List<CheckResult> results = new ArrayList<>();
        int index = 0;
        for (JsonNode r : root.path("results")) {
            results.add(result(r, source + " results[" + index++ + "]"));
        }
        List<String> notes = new ArrayList<>();
        root.path("notes").forEach(n -> notes.add(string(n)));
        return new Report(text(root, "profile"), text(root, "mode"), text(root, "namespace"),
                instant(root, "startedAt", source), root.path("durationMs").asLong(0), results, notes,
                root.path("apiError").isString() ? root.path("apiError").asString() : null, clusters(root));
    }

    private static List<ClusterRun> clusters(JsonNode root) {
        List<ClusterRun> clusters = new ArrayList<>();
        for (JsonNode c : root.path("clusters")) {
            clusters.add(new ClusterRun(text(c, "name"), text(c, "context"), text(c, "profile"), text(c, "namespace"),
                    c.path("durationMs").asLong(0), text(c, "error")));
        }
        return clusters;
    }

    private static CheckResult result(JsonNode r, String where) throws InputException {
        Protocol expected = Protocol.fromId(text(r, "expected"))
                .orElseThrow(() -> new InputException(where, 0, "unknown expected protocol '" + text(r, "expected")
                        + "' (valid: " + Protocol.allIds() + ")"));
        Status status = status(text(r, "status"), where);
        CheckKind kind = "workload".equals(text(r, "kind")) ? CheckKind.WORKLOAD : CheckKind.SERVICE;
        int port = r.path("port").asInt(0);
        int targetPort = r.path("targetPort").asInt(port);
        boolean required = r.path("required").asBoolean(true);
        PortSpec spec = new PortSpec(port, targetPort == port ? null : targetPort, null, expected, text(r, "usage"),
                null, null, null, null, !required, 0);
        Check check = new Check(text(r, "name"), kind, text(r, "workload"), port, targetPort, spec, required, false,
                text(r, "namespace"), text(r, "cluster"));
        Double latency = r.path("latencyMs").isNumber() ? r.path("latencyMs").asDouble() : null;
        return new CheckResult(check, status, text(r, "observed"), text(r, "endpoint"), text(r, "pod"), latency,
                text(r, "detail"), text(r, "hint"), drift(r.path("drift")), tls(r.path("tls"), where),
                phases(r.path("phases")), text(r, "node"));
    }

    /** The phases object, or none; keys this build does not know are left out. */
    private static Phases phases(JsonNode node) {
        if (!node.isObject()) {
            return Phases.NONE;
        }
        java.util.Map<String, Double> byKey = new java.util.LinkedHashMap<>();
        for (String key : Phases.KEYS) {
            if (node.path(key).isNumber()) {
                byKey.put(key, node.path(key).asDouble());
            }
        }
        return Phases.of(byKey);
    }

    private static Status status(String text, String where) throws InputException {
        try {
            return Status.valueOf(text == null ? "" : text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InputException(where, 0, "unknown status '" + text + "'");
        }
    }

    private static List<Drift> drift(JsonNode node) {
        List<Drift> drift = new ArrayList<>();
        if (node.isObject()) {
            for (var e : node.properties()) {
                drift.add(new Drift(e.getKey(), scalar(e.getValue().get("table")), scalar(e.getValue().get("live"))));
            }
        }
        return drift;
    }

    private static TlsInfo tls(JsonNode t, String where) throws InputException {
        if (!t.isObject()) {
            return null;
        }
        List<String> sans = new ArrayList<>();
        t.path("sans").forEach(s -> sans.add(string(s)));
        Boolean verified = t.path("verified").isBoolean() ? t.path("verified").asBoolean() : null;
        return new TlsInfo(text(t, "version"), text(t, "cipher"), text(t, "alpn"), text(t, "subject"), sans,
                instant(t, "notAfter", where), t.path("clientCertRequested").asBoolean(false), verified);
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return string(v);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : string(v);
    }

    /** Any node as text, as Jackson 2's {@code asText()} gave it: "" for an object, a list or nothing, "null" for null. */
    private static String string(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        return v.isContainer() || v.isMissingNode() ? "" : v.asString();
    }

    private static Instant instant(JsonNode node, String field, String where) throws InputException {
        String text = text(node, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(where, 0, field + " is not an ISO-8601 instant: '" + text + "'");
        }
    }
}
