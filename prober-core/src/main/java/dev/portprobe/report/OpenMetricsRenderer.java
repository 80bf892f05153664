package dev.portprobe.report;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.Status;
import dev.portprobe.report.OpenMetricsText.Type;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -o openmetrics}: one run as OpenMetrics text, for node_exporter's textfile collector or a Pushgateway, and
 * the families an exporter serves on {@code /metrics}. Every check is named by the labels {@code cluster, namespace,
 * name, kind, port, expected}; a run with several results per check ({@code --per-endpoint}) adds {@code pod} (or
 * {@code endpoint} when no pod is known) to the results that would otherwise share a label set. No label holds
 * free text: {@code observed} is one of the words of {@link Observed}, {@code status} one of {@link Status}.
 *
 * <p>The families, in order: {@code portprobe_check_ok}, {@code portprobe_check_status} (a state set, written as a
 * gauge: see {@link OpenMetricsText}), {@code portprobe_check_info} ({@code observed}, {@code required}),
 * {@code portprobe_check_duration_seconds} (the whole check), {@code portprobe_check_phase_duration_seconds}
 * ({@code phase} = dns, connect, tls, first_byte; only the phases measured), {@code
 * portprobe_tls_cert_expiry_timestamp_seconds} (the certificate's notAfter), then the run's
 * {@code portprobe_run_start_timestamp_seconds} and {@code portprobe_run_duration_seconds} (labels cluster, profile).
 */
public final class OpenMetricsRenderer implements ReportRenderer {
    /** The media type to serve this text with. */
    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final Map<String, String> PHASE_LABELS = Map.of(
            "dns", "dns", "connect", "connect", "tls", "tls", "firstByte", "first_byte");

    private final String cluster;

    /** Results labelled with an empty {@code cluster} (the same, to Prometheus, as no such label). */
    public OpenMetricsRenderer() {
        this(null);
    }

    /** @param cluster the value of the {@code cluster} label (the kube context), or null for none */
    public OpenMetricsRenderer(String cluster) {
        this.cluster = cluster == null ? "" : cluster;
    }

    /** Every family of the report, then {@code # EOF}. */
    @Override
    public void render(Report report, Writer out) throws IOException {
        writeFamilies(report, out);
        OpenMetricsText.eof(out);
        out.flush();
    }

    /**
     * Every family of the report, without the closing {@code # EOF}, so that a caller can append families of its own
     * ({@link OpenMetricsText#family}, {@link OpenMetricsText#sample}) and then {@link OpenMetricsText#eof}.
     */
    public void writeFamilies(Report report, Appendable out) throws IOException {
        List<CheckResult> results = report.results();
        List<Map<String, String>> labels = labels(report);

        OpenMetricsText.family(out, "portprobe_check_ok", Type.GAUGE, null,
                "1 when the port answered with the expected protocol (status OK), else 0.");
        for (int i = 0; i < results.size(); i++) {
            OpenMetricsText.sample(out, "portprobe_check_ok", labels.get(i), results.get(i).status().ok() ? 1 : 0);
        }

        OpenMetricsText.family(out, "portprobe_check_status", Type.GAUGE, null,
                "The check's status as a state set: 1 for the current status, 0 for the others.");
        for (int i = 0; i < results.size(); i++) {
            for (Status s : Status.values()) {
                OpenMetricsText.sample(out, "portprobe_check_status", with(labels.get(i), "status", s.name()),
                        results.get(i).status() == s ? 1 : 0);
            }
        }

        OpenMetricsText.family(out, "portprobe_check_info", Type.GAUGE, null,
                "Always 1: what answered on the port (observed, empty when nothing did) and whether it is required.");
        for (int i = 0; i < results.size(); i++) {
            Map<String, String> l = with(labels.get(i), "observed", observed(results.get(i)));
            l.put("required", Boolean.toString(results.get(i).check().required()));
            OpenMetricsText.sample(out, "portprobe_check_info", l, 1);
        }

        OpenMetricsText.family(out, "portprobe_check_duration_seconds", Type.GAUGE, "seconds",
                "Time from the start of the check to its verdict; absent when nothing was dialed.");
        for (int i = 0; i < results.size(); i++) {
            Double ms = results.get(i).latencyMs();
            if (ms != null) {
                OpenMetricsText.sample(out, "portprobe_check_duration_seconds", labels.get(i), ms / 1000.0);
            }
        }

        OpenMetricsText.family(out, "portprobe_check_phase_duration_seconds", Type.GAUGE, "seconds",
                "Time spent in one network phase (dns, connect, tls, first_byte), measured on the event loop.");
        for (int i = 0; i < results.size(); i++) {
            for (Map.Entry<String, Double> p : results.get(i).phases().measured().entrySet()) {
                OpenMetricsText.sample(out, "portprobe_check_phase_duration_seconds",
                        with(labels.get(i), "phase", PHASE_LABELS.get(p.getKey())), p.getValue() / 1000.0);
            }
        }

        OpenMetricsText.family(out, "portprobe_tls_cert_expiry_timestamp_seconds", Type.GAUGE, "seconds",
                "When the server's TLS certificate expires (its notAfter), as seconds since the epoch.");
        for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            if (r.tls() != null && r.tls().notAfter() != null) {
                OpenMetricsText.sample(out, "portprobe_tls_cert_expiry_timestamp_seconds", labels.get(i),
                        r.tls().notAfter().toEpochMilli() / 1000.0);
            }
        }

        Map<String, String> run = new LinkedHashMap<>();
        run.put("cluster", cluster);
        run.put("profile", report.profile());
        OpenMetricsText.family(out, "portprobe_run_start_timestamp_seconds", Type.GAUGE, "seconds",
                "When the run started, as seconds since the epoch.");
        if (report.startedAt() != null) {
            OpenMetricsText.sample(out, "portprobe_run_start_timestamp_seconds", run,
                    report.startedAt().toEpochMilli() / 1000.0);
        }
        OpenMetricsText.family(out, "portprobe_run_duration_seconds", Type.GAUGE, "seconds",
                "How long the whole run took.");
        OpenMetricsText.sample(out, "portprobe_run_duration_seconds", run, report.durationMs() / 1000.0);
    }

    /**
     * The labels of each result, in the report's order: {@code cluster, namespace, name, kind, port, expected}, plus
     * {@code pod} (or {@code endpoint}) for results that would otherwise share their label set with another.
     */
    public List<Map<String, String>> labels(Report report) {
        Map<Map<String, String>, Integer> seen = new HashMap<>();
        List<Map<String, String>> base = new ArrayList<>();
        for (CheckResult r : report.results()) {
            Map<String, String> l = checkLabels(cluster, r);
            base.add(l);
            seen.merge(l, 1, Integer::sum);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            Map<String, String> l = base.get(i);
            if (seen.get(l) > 1) {
                CheckResult r = report.results().get(i);
                l = r.pod() != null ? with(l, "pod", r.pod()) : with(l, "endpoint", r.endpoint());
            }
            out.add(l);
        }
        return out;
    }

    /**
     * {@code cluster} (the result's own in a fleet run, else the renderer's), {@code node} (only on a result of a per-node
     * run), {@code namespace, name, kind, port, expected} of one result; null values are empty.
     */
    public static Map<String, String> checkLabels(String cluster, CheckResult r) {
        Map<String, String> l = new LinkedHashMap<>();
        String own = r.check().cluster() != null ? r.check().cluster() : cluster;
        l.put("cluster", own == null ? "" : own);
        if (r.node() != null) {
            l.put("node", r.node());
        }
        l.put("namespace", r.check().namespace() == null ? "" : r.check().namespace());
        l.put("name", r.check().name());
        l.put("kind", r.check().kind().id());
        l.put("port", Integer.toString(r.check().port()));
        l.put("expected", r.check().expected().id());
        return l;
    }

    /** A word of {@link Observed}, or empty when nothing answered; a word this build does not know is "unknown". */
    private static String observed(CheckResult r) {
        if (r.observed() == null) {
            return "";
        }
        Observed o = Observed.fromWord(r.observed());
        return o == null ? Observed.UNKNOWN.word() : o.word();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> l = new LinkedHashMap<>(labels);
        l.put(key, value == null ? "" : value);
        return l;
    }
}
