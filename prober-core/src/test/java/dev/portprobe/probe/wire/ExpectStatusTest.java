package dev.portprobe.probe.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectStatusTest {

    @ParameterizedTest(name = "\"{0}\" accepts {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "200-399   | 200 | true",
        "200-399   | 399 | true",
        "200-399   | 400 | false",
        "200,204   | 204 | true",
        "200,204   | 201 | false",
        "2xx       | 299 | true",
        "2xx       | 300 | false",
        "2xx, 404  | 404 | true",
        "'200 - 299' | 250 | true",
    })
    void acceptsExactlyTheCodesOfTheSpec(String spec, int code, boolean accepted) {
        assertThat(ExpectStatus.parse(spec).accepts(code)).isEqualTo(accepted);
    }

    @Test
    void acceptsEveryStatusWhenNoSpecIsGiven() {
        assertThat(ExpectStatus.parse(null).accepts(503)).isTrue();
        assertThat(ExpectStatus.parse(" ").acceptsAny()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "2xx-3xx", "399-200", "99", "700", "200,,204", "6xx"})
    void rejectsAMalformedSpecWithAOneLineReason(String spec) {
        assertThatThrownBy(() -> ExpectStatus.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expectStatus \"" + spec + "\"")
                .hasMessageNotContaining("\n");
    }
}
