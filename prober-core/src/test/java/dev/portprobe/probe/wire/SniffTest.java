package dev.portprobe.probe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SniffTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("a TLS alert", bytes(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28), Sniff.TLS),
                Arguments.of("a TLS ServerHello record", bytes(0x16, 0x03, 0x03, 0x00, 0x7a), Sniff.TLS),
                Arguments.of("one byte of a TLS record", bytes(0x16), Sniff.NEED_MORE),
                Arguments.of("a status line", ascii("HTTP/1.1 400 Bad Request\r\n"), Sniff.HTTP),
                Arguments.of("the start of a status line", ascii("HTT"), Sniff.NEED_MORE),
                Arguments.of("+PONG", ascii("+PONG\r\n"), Sniff.RESP),
                Arguments.of("-NOAUTH", ascii("-NOAUTH Authentication required.\r\n"), Sniff.RESP),
                Arguments.of("a RESP integer", ascii(":1\r\n"), Sniff.RESP),
                Arguments.of("a RESP null bulk string", ascii("$-1\r\n"), Sniff.RESP),
                Arguments.of("half a RESP line", ascii("-ERR unknown"), Sniff.NEED_MORE),
                Arguments.of("a + line with binary in it", bytes('+', 0x01, '\r', '\n'), Sniff.UNKNOWN),
                Arguments.of("a $ line that is not a number", ascii("$abc\r\n"), Sniff.UNKNOWN),
                Arguments.of("an HTTP/2 SETTINGS frame", bytes(0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 100), Sniff.H2),
                Arguments.of("an HTTP/2 GOAWAY frame", bytes(0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), Sniff.H2),
                Arguments.of("an HTTP/2 DATA frame on stream 1", bytes(0, 0, 1, 0, 0, 0, 0, 0, 1, 'x'), Sniff.UNKNOWN),
                Arguments.of("an SSH banner", ascii("SSH-2.0-OpenSSH_9.2\r\n"), Sniff.UNKNOWN),
                Arguments.of("an SMTP greeting", ascii("220 mail ESMTP\r\n"), Sniff.UNKNOWN),
                Arguments.of("nothing", new byte[0], Sniff.NEED_MORE));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("replies")
    void namesWhatTheFirstBytesOfAReplyAre(String name, byte[] bytes, Sniff expected) {
        assertThat(Sniff.of(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void neverWaitsForMoreOnceTheReplyHasEnded(String name, byte[] bytes, Sniff expected) {
        Sniff s = Sniff.ofFinal(bytes);
        assertThat(s == Sniff.NEED_MORE).isEqualTo(bytes.length == 0);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
