package dev.portprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Input text in a one-line message: what is escaped, what is kept, where it is cut. */
class TextsTest {

    record Case(String name, String input, String escaped) {
        @Override
        public String toString() {
            return name;
        }
    }

    static java.util.List<Case> escapes() {
        return java.util.List.of(
                new Case("plain text is kept", "plain ok ~", "plain ok ~"),
                new Case("line breaks and tabs", "a\nb\rc\td", "a\\nb\\rc\\td"),
                new Case("C0 controls, the last below space", "\u0000\u001f ", "\\u0000\\u001f "),
                new Case("DEL and the C1 range, bounds included", "\u007e\u007f\u0080\u009f\u00a0",
                        "\u007e\\u007f\\u0080\\u009f\u00a0"),
                new Case("line and paragraph separators", "\u2027\u2028\u2029\u202a", "\u2027\\u2028\\u2029\u202a"),
                new Case("BOM and the two non-characters", "\ufefe\ufeff\ufffd\ufffe\uffff",
                        "\ufefe\\ufeff\ufffd\\ufffe\\uffff"),
                new Case("a valid surrogate pair is one character", "x\ud83d\ude00y", "x\ud83d\ude00y"),
                new Case("an unpaired high surrogate at the end", "x\ud83d", "x\\ud83d"),
                new Case("an unpaired high surrogate before text", "\ud83dx", "\\ud83dx"),
                new Case("an unpaired low surrogate at the start", "\ude00x", "\\ude00x"),
                new Case("a low surrogate after text", "x\ude00", "x\\ude00"),
                new Case("two high surrogates then a low one", "\ud83d\ud83d\ude00", "\\ud83d\ud83d\ude00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapesWhatCouldBreakALineOrATerminalAndNothingElse(Case c) {
        assertThat(Texts.escape(c.input())).isEqualTo(c.escaped());
    }

    @ParameterizedTest(name = "oneLine({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
            "'  first line  \nsecond' | first line",
            "'only one line' | only one line",
            "'\n\n' | no detail",
            "'   ' | no detail",
            "'a\tb' | a\\tb",
            "'  x  \n' | x",
    })
    void oneLineKeepsTheFirstLineStripped(String message, String expected) {
        assertThat(Texts.oneLine(message)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "quote of {0} chars")
    @CsvSource({"59, false", "60, false", "61, true"})
    void quoteCutsTextLongerThanSixtyCharacters(int length, boolean cut) {
        String text = "y".repeat(length);
        String quoted = Texts.quote(text);
        assertThat(quoted).startsWith("'").endsWith("'");
        assertThat(quoted).isEqualTo(cut ? "'" + "y".repeat(60) + "...'" : "'" + text + "'");
    }

    @org.junit.jupiter.api.Test
    void quoteSaysNoneForNullAndOneLineSaysNoDetailForNull() {
        assertThat(Texts.quote(null)).isEqualTo("(none)");
        assertThat(Texts.oneLine(null)).isEqualTo("no detail");
        assertThat(Texts.quote("a\nb")).isEqualTo("'a\\nb'");
    }
}
