package dev.portprobe.reftable;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.TextMutations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every Markdown text either imports, and then its YAML loads back as the same profile, or fails with an
 * InputException whose message is one line with a line number. Warnings are one line each, at a line of the input.
 */
class MarkdownFuzzTest {
    static final String COMPACT = """
            ---
            title: Compact
            ---

            {{% notice note %}}
            Defaults.
            {{% /notice %}}

            ## One

            | Pod | Port | Usage |
            |-----|------|-------|
            | gloo | 9977 | xDS Server |
            | proxy | 19000 | Envoy admin |
            | grafana | 80 | Grafana (unused) |

            | Service | Port | Target | Target Port | Usage |
            |---------|------|--------|-------------|-------|
            | gloo | 9977 | gloo | 9977 | xDS Server |
            | console | 8090 | UI server |
            | access-log | 8083 | access-log | 8083 | Access logging |
            """;

    static final String[] TOKENS = {"|", "\\|", "`", "---", "\n", "\r\n", "{{% notice note %}}", "{{% /notice %}}",
        "## ", "### ", "| a | b |", "|---|", ":-:", "8080", "(unused)", "<br>", "*", "_", "[x](y)", "> ", "- ",
        "    ", "```", "\uFEFF", "+++", "Target Port", "Service", "Pod", "Port", "Usage", "65536", "0", "\u0000"};

    @Provide
    Arbitrary<String> bases() {
        // Mostly the compact document: it is cheaper, and a mutation hits its structure more often.
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(4, COMPACT), net.jqwik.api.Tuple.of(1, fixture()));
    }

    @Provide
    Arbitrary<List<TextMutations.Mutation>> mutations() {
        return TextMutations.mutations(TOKENS);
    }

    @Property(tries = 20_000)
    void mutatedReferenceTablesImportOrFailWithOneLocatedLine(@ForAll("bases") String base,
            @ForAll("mutations") List<TextMutations.Mutation> mutations) {
        checkMarkdown(TextMutations.apply(base, mutations));
    }

    @Property(tries = 10_000)
    void generatedReferenceTablesImportOrFailWithOneLocatedLine(@ForAll long seed) {
        checkMarkdown(RandomMarkdown.markdown(seed));
    }

    @Property(tries = 15_000)
    void arbitraryTextImportsOrFailsWithOneLocatedLine(@ForAll String text) {
        checkMarkdown(text);
    }

    static void checkMarkdown(String text) {
        ImportResult result;
        try {
            result = ReferenceTableImporter.importText("fuzz.md", text, new ImportOptions("fuzz", "ns"));
        } catch (InputException e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").startsWith("fuzz.md:");
            assertThat(e.line()).as(e.getMessage()).isPositive();
            return;
        }
        int lines = text.split("\r\n|\r|\n", -1).length;
        assertThat(result.warnings()).allSatisfy(w -> {
            assertThat(w.line()).as(w.message()).isBetween(1, lines);
            assertThat(w.message()).doesNotContain("\n").doesNotContain("\r");
        });
        Profile back;
        try {
            back = ProfileLoader.load("imported.yaml", result.yaml());
        } catch (InputException e) {
            throw new AssertionError("the import wrote YAML the loader rejects: " + e.getMessage(), e);
        }
        assertThat(normalized(back)).isEqualTo(normalized(result.profile()));
    }

    private static String fixture() {
        try (InputStream in = MarkdownFuzzTest.class.getResourceAsStream("acme-port-reference.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
