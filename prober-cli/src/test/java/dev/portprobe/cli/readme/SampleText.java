package dev.portprobe.cli.readme;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a README sample is compared with what the build prints. What changes from run to run is masked on both
 * sides, and nothing else: latencies and durations ({@code 123 ms}, and the value of an OpenMetrics sample in
 * seconds), ephemeral ports (any five-digit number),
 * timestamps, and runs of spaces (a wider latency column shifts the ones after it). A table's detail cell is cut
 * at a fixed width, so two cut lines agree when one starts with the other. JSON is compared as a tree with the
 * same fields masked, and a README block may show only some of the results, by name and port.
 */
public final class SampleText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MILLIS = Pattern.compile("\\b\\d+(\\.\\d+)? ms\\b");
    private static final Pattern FIVE_DIGITS = Pattern.compile("(?<![\\d.])\\d{5}(?![\\d.])");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    /** An OpenMetrics sample in seconds (a duration or a timestamp): its value varies between runs. */
    private static final Pattern SECONDS_SAMPLE = Pattern.compile("^(portprobe_\\w+_seconds(?:\\{.*})?) \\S+$");
    private static final Set<String> VOLATILE_FIELDS = Set.of("startedAt", "durationMs", "latencyMs", "phases",
            "notAfter", "expiresAt", "daysLeft");

    private SampleText() {
    }

    /** One line with what varies between runs masked. */
    public static String normalize(String line) {
        String s = SECONDS_SAMPLE.matcher(line).replaceAll("$1 N");
        s = TIMESTAMP.matcher(s).replaceAll("TIMESTAMP");
        s = MILLIS.matcher(s).replaceAll("N ms");
        s = FIVE_DIGITS.matcher(s).replaceAll("NNNNN");
        return SPACES.matcher(s).replaceAll(" ").stripTrailing();
    }

    /** Whether {@code actual} is what the README shows in {@code expected}; on a mismatch, says where. */
    public static Mismatch compare(List<String> expected, String actual) {
        String shown = String.join("\n", expected).strip();
        if (shown.startsWith("{") && actual.strip().startsWith("{")) {
            return compareJson(shown, actual);
        }
        List<String> want = expected.stream().map(SampleText::normalize).toList();
        List<String> got = actual.lines().map(SampleText::normalize).toList();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<nothing>";
            String g = i < got.size() ? got.get(i) : "<nothing>";
            if (!sameLine(w, g)) {
                return new Mismatch(i, w, g);
            }
        }
        return null;
    }

    private static boolean sameLine(String want, String got) {
        if (want.equals(got)) {
            return true;
        }
        if (want.endsWith("...") && got.endsWith("...")) {
            String a = want.substring(0, want.length() - 3);
            String b = got.substring(0, got.length() - 3);
            return a.startsWith(b) || b.startsWith(a);
        }
        return false;
    }

    private static Mismatch compareJson(String shown, String actual) {
        try {
            JsonNode want = mask(JSON.readTree(shown));
            JsonNode got = mask(excerpt(JSON.readTree(actual), want));
            return want.equals(got) ? null : new Mismatch(0, want.toPrettyString(), got.toPrettyString());
        } catch (IOException e) {
            return new Mismatch(0, "valid JSON", e.getMessage());
        }
    }

    /**
     * The actual report cut to the results the README shows (matched by name, kind and port, in the README's
     * order), when the README shows fewer than the report has.
     */
    public static JsonNode excerpt(JsonNode actual, JsonNode shown) {
        JsonNode wanted = shown.get("results");
        JsonNode all = actual.get("results");
        if (wanted == null || all == null || wanted.size() >= all.size()) {
            return actual;
        }
        ArrayNode picked = JSON.createArrayNode();
        for (JsonNode w : wanted) {
            for (JsonNode a : all) {
                if (a.path("name").equals(w.path("name")) && a.path("kind").equals(w.path("kind"))
                        && a.path("port").equals(w.path("port"))) {
                    picked.add(a);
                    break;
                }
            }
        }
        ObjectNode copy = actual.deepCopy();
        copy.set("results", picked);
        return copy;
    }

    /**
     * For an update of the README: what the build printed, cut to the results the README's block shows when it is
     * a JSON excerpt, in the report's own layout; else the printed text as it is.
     */
    public static String excerptText(List<String> shownBody, String printed) throws IOException {
        String shown = String.join("\n", shownBody).strip();
        if (!shown.startsWith("{") || !printed.strip().startsWith("{")) {
            return printed;
        }
        JsonNode cut = excerpt(JSON.readTree(printed), JSON.readTree(shown));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return JSON.writer(new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter))
                .writeValueAsString(cut);
    }

    private static JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                if (VOLATILE_FIELDS.contains(name) && !v.isNull()) {
                    o.set(name, TextNode.valueOf("MASKED"));
                } else if (v.isTextual()) {
                    o.set(name, TextNode.valueOf(normalize(v.asText())));
                } else {
                    maskInPlace(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(normalize(a.get(i).asText())));
                } else {
                    maskInPlace(a.get(i));
                }
            }
        }
    }

    /** Where a sample and the build part: the line of the block's output, and both versions of it. */
    public record Mismatch(int line, String expected, String actual) {
        @Override
        public String toString() {
            return "output line " + (line + 1) + ":\n  README: " + expected + "\n  build:  " + actual;
        }
    }
}
