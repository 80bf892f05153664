package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireBytesTest {

    @Test
    void recognisesAnHttp1StatusLineFromGrpcJavasHexDump() {
        assertThat(WireBytes.isHttp1(HexFormat.of().parseHex("485454502f"))).isTrue();
        assertThat(WireBytes.isHttp1(ascii("HTTP"))).isFalse();
    }

    @Test
    void recognisesRespErrorsAndSimpleStringsButNotOtherDashes() {
        assertThat(WireBytes.isResp(HexFormat.of().parseHex("2d45525220"))).isTrue();
        assertThat(WireBytes.isResp(ascii("-NOAUTH Authentication required.\r\n"))).isTrue();
        assertThat(WireBytes.isResp(ascii("+PONG\r\n"))).isTrue();
        assertThat(WireBytes.isResp(ascii("-----BEGIN"))).isFalse();
        assertThat(WireBytes.isResp(ascii("-"))).isFalse();
    }

    @Test
    void recognisesTlsHandshakeAndAlertRecords() {
        assertThat(WireBytes.isTlsRecord(HexFormat.of().parseHex("160303"))).isTrue();
        assertThat(WireBytes.isTlsRecord(HexFormat.of().parseHex("150301"))).isTrue();
        assertThat(WireBytes.isTlsRecord(HexFormat.of().parseHex("170303"))).isFalse();
        assertThat(WireBytes.isTlsRecord(ascii("HTTP/"))).isFalse();
    }

    @Test
    void recognisesAServerSettingsFrameOnStreamZeroOnly() {
        assertThat(WireBytes.isHttp2Settings(HexFormat.of().parseHex("000006040000000000"))).isTrue();
        assertThat(WireBytes.isHttp2Settings(HexFormat.of().parseHex("000006040000000001"))).isFalse();
        assertThat(WireBytes.isHttp2Settings(HexFormat.of().parseHex("000008070000000000"))).isFalse();
        assertThat(WireBytes.isHttp2Settings(HexFormat.of().parseHex("0000060400"))).isFalse();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
