package dev.portprobe.resolve;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Label selectors, matched here because the round lists each namespace once and filters in memory. */
final class Selectors {
    private Selectors() {
    }

    /** A selector and how kubectl -l would spell it. */
    record Selector(Predicate<Map<String, String>> matcher, String text) {
        boolean matches(Map<String, String> labels) {
            return matcher.test(labels == null ? Map.of() : labels);
        }
    }

    static Selector ofLabels(Map<String, String> wanted) {
        Map<String, String> copy = Map.copyOf(wanted);
        return new Selector(labels -> copy.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey()))), text(copy));
    }

    static Selector of(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        Selector byLabels = ofLabels(labels);
        Predicate<Map<String, String>> all = byLabels.matcher();
        StringBuilder text = new StringBuilder(byLabels.text());
        for (LabelSelectorRequirement r : expressions) {
            all = all.and(requirement(r));
            text.append(text.length() == 0 ? "" : ",").append(text(r));
        }
        return new Selector(all, text.toString());
    }

    private static Predicate<Map<String, String>> requirement(LabelSelectorRequirement r) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String key = r.getKey();
        return switch (String.valueOf(r.getOperator())) {
            case "In" -> labels -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels -> labels.containsKey(key);
            case "DoesNotExist" -> labels -> !labels.containsKey(key);
            default -> labels -> false;
        };
    }

    private static String text(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String text(LabelSelectorRequirement r) {
        String values = r.getValues() == null ? "" : String.join(",", r.getValues());
        return switch (String.valueOf(r.getOperator())) {
            case "In" -> r.getKey() + " in (" + values + ")";
            case "NotIn" -> r.getKey() + " notin (" + values + ")";
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator();
        };
    }
}
