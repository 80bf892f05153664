package dev.portprobe.probe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
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

    /**
     * Bytes cut short (the first 64 bytes the scope keeps, a hex dump in a gRPC error), including the cases where the
     * two classifiers this one replaced disagreed (WireBytes said TLS only for 0x15/0x16, RESP only for +/- and an
     * upper-case word, HTTP/2 only for SETTINGS): one answer each now.
     */
    static Stream<Arguments> cut() {
        return Stream.of(
                Arguments.of("a status line from grpc-java's hex dump", HexFormat.of().parseHex("485454502f"), Sniff.HTTP),
                Arguments.of("four letters of a status line", ascii("HTTP"), Sniff.UNKNOWN),
                Arguments.of("-ERR from a hex dump", HexFormat.of().parseHex("2d45525220"), Sniff.RESP),
                Arguments.of("redis's long -ERR line cut at 64 bytes",
                        ascii("-ERR unknown command 'PRI', with args beginning with: '*' 'HTTP/2.0' "), Sniff.RESP),
                Arguments.of("-NOAUTH, whole", ascii("-NOAUTH Authentication required.\r\n"), Sniff.RESP),
                Arguments.of("+PONG, whole", ascii("+PONG\r\n"), Sniff.RESP),
                Arguments.of("a PEM line", ascii("-----BEGIN"), Sniff.UNKNOWN),
                Arguments.of("a lone dash", ascii("-"), Sniff.UNKNOWN),
                Arguments.of("a RESP integer, whole (WireBytes: no)", ascii(":1\r\n"), Sniff.RESP),
                Arguments.of("a TLS handshake header", HexFormat.of().parseHex("160303"), Sniff.TLS),
                Arguments.of("a TLS 1.0 alert header", HexFormat.of().parseHex("150301"), Sniff.TLS),
                Arguments.of("a TLS application-data header (WireBytes: no)", HexFormat.of().parseHex("170303"), Sniff.TLS),
                Arguments.of("a TLS change-cipher-spec header (WireBytes: no)", HexFormat.of().parseHex("140303"), Sniff.TLS),
                Arguments.of("two bytes of a TLS record", bytes(0x16, 0x03), Sniff.TLS),
                Arguments.of("one byte of a TLS record", bytes(0x16), Sniff.TLS),
                Arguments.of("0x16 then not a version", bytes(0x16, 0x41), Sniff.UNKNOWN),
                Arguments.of("a SETTINGS frame on stream 0", HexFormat.of().parseHex("000006040000000000"), Sniff.H2),
                Arguments.of("a SETTINGS frame on stream 1", HexFormat.of().parseHex("000006040000000001"), Sniff.UNKNOWN),
                Arguments.of("a GOAWAY frame on stream 0 (WireBytes: no)", HexFormat.of().parseHex("000008070000000000"), Sniff.H2),
                Arguments.of("half a frame header", HexFormat.of().parseHex("0000060400"), Sniff.UNKNOWN),
                Arguments.of("nothing", new byte[0], Sniff.NEED_MORE));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("cut")
    void namesBytesCutShortByTheirStart(String name, byte[] bytes, Sniff expected) {
        assertThat(Sniff.ofCut(bytes)).isEqualTo(expected);
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
