package dev.portprobe.loopback;

import dev.portprobe.profile.StatusRanges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After an {@code HttpServerCodec}: answers every request, on any path, with the check's status (200, or the
 * first status its {@code expectStatus} accepts) and a line naming the simulated port; a request it cannot
 * parse gets 400 and a close, as nginx does.
 */
public final class HttpOkHandler extends ChannelInboundHandlerAdapter {
    private static final Pattern FIRST_STATUS = Pattern.compile("[1-5]\\d\\d");

    private final String label;
    private final HttpResponseStatus status;

    public HttpOkHandler(String label, String expectStatus) {
        this.label = label;
        this.status = statusFor(expectStatus);
    }

    /** The handlers of one accepted connection: Netty's HTTP/1.1 codec, then this server for {@code label}. */
    public static ChannelHandler[] pipeline(String label, String expectStatus) {
        return new ChannelHandler[] {new HttpServerCodec(), new HttpOkHandler(label, expectStatus)};
    }

    /** The same behind {@code tls}, a server's TLS handler for the connection. */
    public static ChannelHandler[] pipeline(ChannelHandler tls, String label, String expectStatus) {
        return new ChannelHandler[] {tls, new HttpServerCodec(), new HttpOkHandler(label, expectStatus)};
    }

    /**
     * 200, or the first status in "200-399", "400", "200,204"; 401 when the list accepts it, since such a port needs
     * authentication (an API server's /readyz) and an unauthenticated probe gets 401 from the real one.
     */
    public static HttpResponseStatus statusFor(String expectStatus) {
        if (expectStatus != null && StatusRanges.parse(expectStatus).map(r -> r.accepts(401)).orElse(false)) {
            return HttpResponseStatus.UNAUTHORIZED;
        }
        Matcher m = FIRST_STATUS.matcher(expectStatus == null ? "" : expectStatus);
        return m.find() ? HttpResponseStatus.valueOf(Integer.parseInt(m.group())) : HttpResponseStatus.OK;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                boolean valid = request.decoderResult().isSuccess();
                HttpResponseStatus status = valid ? this.status : HttpResponseStatus.BAD_REQUEST;
                String text = valid ? "portprobe demo: " + label + " " + request.uri() + "\n" : "bad request\n";
                ByteBuf body = Unpooled.copiedBuffer(text, CharsetUtil.UTF_8);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                boolean keepAlive = valid && HttpUtil.isKeepAlive(request);
                if (!keepAlive) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
