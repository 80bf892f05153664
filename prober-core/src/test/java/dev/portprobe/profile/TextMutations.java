package dev.portprobe.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of a text for fuzzing parsers: insert, delete or replace a range, duplicate, drop or re-indent a line,
 * swap two lines, replace a number. Positions are taken modulo the text's length, so any mutation applies to any
 * text, and jqwik can shrink a failing list of mutations.
 */
public final class TextMutations {
    public enum Kind { INSERT, DELETE, REPLACE, DUPLICATE_LINE, DROP_LINE, INDENT_LINE, SWAP_LINES, REPLACE_NUMBER }

    public record Mutation(Kind kind, int position, int length, String payload) {
    }

    private TextMutations() {
    }

    /** Mutations whose payloads mix the given syntax tokens, printable ASCII and arbitrary characters. */
    public static Arbitrary<List<Mutation>> mutations(String... tokens) {
        Arbitrary<String> payload = Arbitraries.oneOf(
                Arbitraries.of(tokens),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8),
                Arbitraries.strings().all().ofMaxLength(3));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(0, 12), payload)
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(5);
    }

    public static String apply(String text, List<Mutation> mutations) {
        String out = text;
        for (Mutation m : mutations) {
            out = apply(out, m);
        }
        return out;
    }

    private static String apply(String text, Mutation m) {
        int at = m.position() % (text.length() + 1);
        int end = Math.min(text.length(), at + m.length());
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int line = m.position() % lines.size();
        switch (m.kind()) {
            case INSERT:
                return text.substring(0, at) + m.payload() + text.substring(at);
            case DELETE:
                return text.substring(0, at) + text.substring(end);
            case REPLACE:
                return text.substring(0, at) + m.payload() + text.substring(end);
            case DUPLICATE_LINE:
                lines.add(line, lines.get(line));
                return String.join("\n", lines);
            case DROP_LINE:
                lines.remove(line);
                return String.join("\n", lines);
            case INDENT_LINE:
                lines.set(line, m.length() % 2 == 0 ? " ".repeat(m.length() / 2 + 1) + lines.get(line)
                        : lines.get(line).stripLeading());
                return String.join("\n", lines);
            case SWAP_LINES:
                int other = (line + m.length() + 1) % lines.size();
                String l = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, l);
                return String.join("\n", lines);
            default:
                return text.substring(0, at) + text.substring(at).replaceFirst("[0-9]+", java.util.regex.Matcher.quoteReplacement(m.payload()));
        }
    }
}
