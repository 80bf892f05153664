package dev.portprobe.serve;

import dev.portprobe.outcome.Status;
import dev.portprobe.report.OpenMetricsRenderer;
import dev.portprobe.report.OpenMetricsText;
import dev.portprobe.report.OpenMetricsText.Type;
import dev.portprobe.report.Report;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of {@code /metrics} and {@code /probe}: the families of {@link OpenMetricsRenderer} (the same as
 * {@code -o openmetrics}) for the latest round, then the exporter's own: the status transitions of every port, the
 * rounds run and failed, and whether the first round has completed.
 */
final class MetricsPage {
    static final String TRANSITIONS = "portprobe_status_transitions";
    static final String ROUNDS = "portprobe_rounds";
    static final String ROUND_ERRORS = "portprobe_round_errors";
    static final String READY = "portprobe_ready";

    private final OpenMetricsRenderer renderer;

    /** @param cluster the {@code cluster} label of every series (the kube context), or null */
    MetricsPage(String cluster) {
        this.renderer = new OpenMetricsRenderer(cluster);
    }

    Response render(Scoreboard.Snapshot s, Exposition format) {
        StringBuilder out = new StringBuilder(8192);
        try {
            if (s.latest() != null) {
                renderer.writeFamilies(s.latest(), out);
            }
            counter(out, format, TRANSITIONS, "Times a port's status changed from one round to the next, by the "
                    + "status before (from) and after (to).");
            for (Transitions.Count c : s.transitions()) {
                Map<String, String> labels = new LinkedHashMap<>(c.port());
                labels.put("from", c.from().name());
                labels.put("to", c.to().name());
                OpenMetricsText.sample(out, TRANSITIONS + "_total", labels, c.count());
            }
            counter(out, format, ROUNDS, "Rounds of the profile completed since the exporter started.");
            OpenMetricsText.sample(out, ROUNDS + "_total", Map.of(), s.rounds());
            counter(out, format, ROUND_ERRORS, "Rounds that ended without results: the cluster's API could not be "
                    + "reached or read (the log says why).");
            OpenMetricsText.sample(out, ROUND_ERRORS + "_total", Map.of(), s.roundErrors());
            OpenMetricsText.family(out, READY, Type.GAUGE, null, "1 once the first round has completed, else 0.");
            OpenMetricsText.sample(out, READY, Map.of(), s.ready() ? 1 : 0);
            end(out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return new Response(HttpResponseStatus.OK, format.contentType(), out.toString());
    }

    /** One check's metrics, plus blackbox_exporter's {@code probe_success} and {@code probe_duration_seconds}. */
    Response renderProbe(Report report, double seconds, Exposition format) {
        StringBuilder out = new StringBuilder(4096);
        try {
            renderer.writeFamilies(report, out);
            boolean ok = report.results().stream().allMatch(r -> r.status() == Status.OK);
            OpenMetricsText.family(out, "probe_success", Type.GAUGE, null,
                    "1 when the port answered with the expected protocol, as blackbox_exporter's probe_success.");
            OpenMetricsText.sample(out, "probe_success", Map.of(), ok ? 1 : 0);
            OpenMetricsText.family(out, "probe_duration_seconds", Type.GAUGE, "seconds",
                    "How long the probe took, as blackbox_exporter's probe_duration_seconds.");
            OpenMetricsText.sample(out, "probe_duration_seconds", Map.of(), seconds);
            end(out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Response(HttpResponseStatus.OK, format.contentType(), out.toString());
    }

    /**
     * A counter family's metadata: OpenMetrics names the family without {@code _total}; the Prometheus text format
     * names it as its samples are named, with it.
     */
    private static void counter(StringBuilder out, Exposition format, String name, String help) throws IOException {
        if (format == Exposition.OPENMETRICS) {
            OpenMetricsText.family(out, name, Type.COUNTER, null, help);
        } else {
            out.append("# HELP ").append(name).append("_total ").append(help).append('\n');
            out.append("# TYPE ").append(name).append("_total counter\n");
        }
    }

    private static void end(StringBuilder out, Exposition format) throws IOException {
        if (format == Exposition.OPENMETRICS) {
            OpenMetricsText.eof(out);
        }
    }
}
