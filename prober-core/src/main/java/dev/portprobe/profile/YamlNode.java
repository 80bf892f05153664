package dev.portprobe.profile;

import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers the line it starts on, so that every validation error can name a line. */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    /** 1-based line where the value starts. */
    int line();

    /** "a string", "a number", "a mapping", ... for messages. */
    String describe();

    /**
     * A scalar.
     *
     * @param text the scalar's text; null for a YAML null ({@code ~}, {@code null} or nothing)
     * @param type what YAML resolved it to
     */
    record Scalar(String text, ScalarType type, int line) implements YamlNode {
        @Override
        public String describe() {
            return type.description;
        }
    }

    /** A mapping; keys keep their order and their own line. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Entry(String key, int keyLine, YamlNode value) {
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    enum ScalarType {
        STRING("a string"),
        INTEGER("a whole number"),
        FLOAT("a decimal number"),
        BOOLEAN("true or false"),
        NULL("no value");

        final String description;

        ScalarType(String description) {
            this.description = description;
        }
    }
}
