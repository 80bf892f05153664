package dev.portprobe.probe.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

    @Test
    void parsesTheStatusLineAndHeadersOfACompleteHead() {
        byte[] bytes = ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: x\r\n\r\nok");

        HttpHead head = ((HttpHead.Head) HttpHead.parse(bytes)).head();

        assertThat(head.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(head.headersComplete()).isTrue();
        assertThat(head.contentLength()).isEqualTo(2);
        assertThat(head.headers()).containsEntry("server", "x");
        assertThat(head.bodyText(bytes)).isEqualTo("ok");
    }

    @Test
    void acceptsAStatusLineWithoutAReasonAndBareNewlines() {
        HttpHead head = ((HttpHead.Head) HttpHead.parse(ascii("HTTP/1.0 404\n\n"))).head();

        assertThat(head.code()).isEqualTo(404);
        assertThat(head.statusLine()).isEqualTo("HTTP/1.0 404");
        assertThat(head.headersComplete()).isTrue();
    }

    @Test
    void reportsAHeadWhoseHeadersHaveNotEndedYet() {
        HttpHead head = ((HttpHead.Head) HttpHead.parse(ascii("HTTP/1.1 503 Service Unavailable\r\nX-A: 1\r\n"))).head();

        assertThat(head.code()).isEqualTo(503);
        assertThat(head.headersComplete()).isFalse();
        assertThat(head.bodyOffset()).isEqualTo(-1);
    }

    @Test
    void waitsForMoreWhileTheBytesCanStillBecomeAStatusLine() {
        assertThat(HttpHead.parse(ascii("HTTP/1.1 20"))).isInstanceOf(HttpHead.NeedMore.class);
    }

    @Test
    void rejectsWhatIsNotAnHttp1StatusLine() {
        assertThat(HttpHead.parse(ascii("-ERR unknown command\r\n"))).isInstanceOf(HttpHead.NotHttp.class);
        assertThat(HttpHead.parse(ascii("HTTP/2.0 200 OK\r\n"))).isInstanceOf(HttpHead.NotHttp.class);
        assertThat(HttpHead.parse(ascii("HTTP/1.1 2000 OK\r\n"))).isInstanceOf(HttpHead.NotHttp.class);
        assertThat(HttpHead.parse(new byte[] {0x15, 0x03, 0x03})).isInstanceOf(HttpHead.NotHttp.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
