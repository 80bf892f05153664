package dev.portprobe.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lines of the OpenMetrics text format (and of the Prometheus text format 0.0.4, which reads the same lines):
 * a family's {@code # TYPE}, {@code # UNIT} and {@code # HELP}, samples with escaped label values, and the closing
 * {@code # EOF}. Public so that an exporter can append its own families (counters of transitions, say) to those of
 * {@link OpenMetricsRenderer} in the same exposition.
 *
 * <p>Only the types both formats know are offered ({@code gauge}, {@code counter}): Prometheus' own parser, and so
 * {@code promtool check metrics}, rejects {@code stateset} and {@code info}, so a state set is written as a gauge with
 * one sample per state (1 for the current one) and an info metric as a gauge named {@code *_info} that is always 1,
 * the convention of kube-state-metrics.
 */
public final class OpenMetricsText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private OpenMetricsText() {
    }

    /** A metric type both text formats know. */
    public enum Type {
        GAUGE("gauge"),
        COUNTER("counter");

        private final String word;

        Type(String word) {
            this.word = word;
        }
    }

    /**
     * The metadata lines of one family: {@code # TYPE}, {@code # UNIT} (when {@code unit} is not null; the name must
     * then end in {@code _unit}) and {@code # HELP}. Every sample of the family must follow before the next family.
     * A counter family's name must not end in {@code _total}; its samples must ({@link #sample}).
     */
    public static void family(Appendable out, String name, Type type, String unit, String help) throws IOException {
        requireName(name);
        if (type == Type.COUNTER && name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter family is named without _total: " + name);
        }
        if (unit != null && !name.endsWith("_" + unit)) {
            throw new IllegalArgumentException("a family with unit " + unit + " must end in _" + unit + ": " + name);
        }
        out.append("# TYPE ").append(name).append(' ').append(type.word).append('\n');
        if (unit != null) {
            out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    }

    /** One sample line: {@code name{label="value",...} value}; labels in the map's order, values escaped. */
    public static void sample(Appendable out, String name, Map<String, String> labels, double value) throws IOException {
        requireName(name);
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (!LABEL.matcher(l.getKey()).matches()) {
                    throw new IllegalArgumentException("not a label name: " + l.getKey());
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** The line that ends an OpenMetrics exposition (a comment to the Prometheus text format). */
    public static void eof(Appendable out) throws IOException {
        out.append("# EOF\n");
    }

    /**
     * A value as plain decimal, to the microsecond for seconds (six decimals), no exponent: {@code 1}, {@code 0.0032},
     * {@code 1798761600}.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** A label value with backslash, double quote and line feed escaped; null is the empty value. */
    static String escapeLabel(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
    }
}
