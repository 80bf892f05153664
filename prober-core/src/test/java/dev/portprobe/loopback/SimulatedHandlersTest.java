package dev.portprobe.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.CharsetUtil;
import org.junit.jupiter.api.Test;

/** The simulated servers' handlers in an EmbeddedChannel: bytes in, bytes out. */
class SimulatedHandlersTest {

    @Test
    void answersAnyPathWithTheFirstStatusTheCheckAccepts() {
        assertThat(exchange(http("400"), "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(exchange(http("204,200"), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 204 No Content\r\n");
        assertThat(exchange(http("200-399"), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(exchange(http(null), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 OK\r\n");
    }

    @Test
    void answersPingWithPongInlineOrAsAnArrayAndOtherCommandsWithAnError() {
        assertThat(exchange(resp(), "*1\r\n$4\r\nPING\r\n")).isEqualTo("+PONG\r\n");
        assertThat(exchange(resp(), "ping\r\n")).isEqualTo("+PONG\r\n");
        assertThat(exchange(resp(), "PRI * HTTP/2.0\r\n")).isEqualTo("-ERR unknown command 'PRI'\r\n");
    }

    @Test
    void withRequirepassAnswersNoauthUntilAuthNamesThePassword() {
        EmbeddedChannel redis = new EmbeddedChannel(RespHandler.pipeline(RespHandler.Options.redis("pw")));
        redis.writeInbound(Unpooled.copiedBuffer("PING\r\nAUTH nope\r\nPING\r\nAUTH default pw\r\nPING\r\n", CharsetUtil.US_ASCII));
        assertThat(read(redis)).isEqualTo("-NOAUTH Authentication required.\r\n-WRONGPASS invalid username-password pair\r\n"
                + "-NOAUTH Authentication required.\r\n+OK\r\n+PONG\r\n");
        redis.finishAndReleaseAll();
    }

    @Test
    void closesOnAnHttpHeaderLineOnlyLikeRedisServer() {
        EmbeddedChannel redis = new EmbeddedChannel(RespHandler.pipeline(RespHandler.Options.redis(null)));
        redis.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", CharsetUtil.US_ASCII));
        assertThat(read(redis)).isEqualTo("-ERR unknown command 'GET'\r\n");
        assertThat(redis.isOpen()).isFalse();
        redis.finishAndReleaseAll();

        assertThat(exchange(resp(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isEqualTo("-ERR unknown command 'GET'\r\n-ERR unknown command 'Host:'\r\n");
    }

    private static String read(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) {
            out.append(b.toString(CharsetUtil.US_ASCII));
        }
        return out.toString();
    }

    private static EmbeddedChannel http(String expectStatus) {
        return new EmbeddedChannel(new HttpServerCodec(), new HttpOkHandler("web:80", expectStatus));
    }

    private static EmbeddedChannel resp() {
        return new EmbeddedChannel(new LineBasedFrameDecoder(1024), new RespHandler());
    }

    private static String exchange(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, CharsetUtil.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) {
            out.append(b.toString(CharsetUtil.US_ASCII));
        }
        channel.finishAndReleaseAll();
        return out.toString();
    }
}
