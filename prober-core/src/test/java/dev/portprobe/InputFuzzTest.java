package dev.portprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Durations and HOST:PORT strings as a user (or a fuzzer) types them: each parses, or fails with one line. */
class InputFuzzTest {

    @Provide
    Arbitrary<String> durationLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789.mshd -+eE_").ofMaxLength(14),
                Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(20)
                        .flatMap(n -> Arbitraries.of("ms", "s", "m", "h", "", "S", "MS", "sec", "µs").map(u -> n + u)),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of("", " ", "\n", "3s\n", "1.5s", "2m30s", "0", "0s", ".", "..s", "1..5s", "Infinity",
                        "NaN", "1e3s", "9999999999999s", "168h", "168h1ms", "7d", "-1s", "\u0663s", "\u0130s"));
    }

    @Property(tries = 35_000)
    void anyDurationParsesWithinSevenDaysOrFailsWithOneLine(@ForAll("durationLike") String text) {
        try {
            Duration d = Durations.parse(text);
            assertThat(d.isNegative()).as(text).isFalse();
            assertThat(d).isLessThanOrEqualTo(Duration.ofDays(7));
        } catch (InputException e) {
            assertOneLine(e);
        }
    }

    @Property(tries = 5_000)
    void validDurationsMeanWhatTheySay(@ForAll @IntRange(min = 0, max = 100_000) int n,
                                       @ForAll("units") String unit) throws InputException {
        long nanosPerUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        String text = n + unit;
        if (n * nanosPerUnit > Duration.ofDays(7).toNanos()) {
            assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InputException.class);
        } else {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(n * nanosPerUnit));
        }
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("ms", "s", "m", "h");
    }

    @Example
    void aBareNumberIsRefusedBecauseItHasNoUnit() {
        for (String bare : new String[] {"3", "1.5", "0", " 10 "}) {
            assertThatThrownBy(() -> Durations.parse(bare)).as(bare).isInstanceOf(InputException.class)
                    .hasMessageContaining("with a unit");
        }
    }

    /** Found by the fuzzer: enough components overflowed the sum into a negative duration that parsed. */
    @Example
    void manyComponentsCannotAddUpPastSevenDays() {
        String many = "168h".repeat(20_000);
        assertThatThrownBy(() -> Durations.parse(many)).isInstanceOf(InputException.class)
                .hasMessageContaining("at most 7 days");
    }

    @Provide
    Arbitrary<String> hostPortLike() {
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcz019.-_:%[]").ofMaxLength(10),
                Arbitraries.of("127.0.0.1", "localhost", "[::1]", "::1", "[fe80::1%eth0]", "example.com", "", "[", "]"));
        Arbitrary<String> port = Arbitraries.oneOf(
                Arbitraries.integers().between(-2, 70_000).map(String::valueOf),
                Arbitraries.strings().withChars("0123456789+- x").ofMaxLength(7));
        Arbitrary<String> glued = Combinators.combine(host, Arbitraries.of(":", "", "::", " : "), port)
                .as((h, sep, p) -> h + sep + p);
        return Arbitraries.oneOf(glued, Arbitraries.strings().all().ofMaxLength(16),
                Arbitraries.of("a:1\n", "a:1\r\n", "\u2028:1", "x:\u0661\u0662", "[::1]:", "[::1]80", "[:80", "]:80"));
    }

    @Property(tries = 35_000)
    void anyHostPortParsesIntoAValidPortOrFailsWithOneLine(@ForAll("hostPortLike") String text) {
        try {
            HostPort hp = HostPort.parse(text);
            assertThat(hp.port()).isBetween(1, 65535);
            assertThat(hp.host()).isNotBlank();
            assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
        } catch (InputException e) {
            assertOneLine(e);
        }
    }

    @Property(tries = 5_000)
    void hostPortRoundTrips(@ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws InputException {
        HostPort hp = new HostPort(host, port);
        assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-_").ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("::1", "fe80::1", "2001:db8::7", "127.0.0.1"));
    }

    @Example
    void messagesWithLineBreaksStayOnOneLine() {
        InputException e = new InputException("file\nname", 3, "bad\r\nthing\u2028here\u0085end");
        assertOneLine(e);
    }

    static void assertOneLine(InputException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r")
                .doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0085");
    }
}
