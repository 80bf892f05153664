package dev.portprobe.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

/** An HTTP/2 cleartext server with prior knowledge only (like nginx {@code listen ... http2} without TLS). */
public final class H2cServer extends LoopbackServer {

    public H2cServer() {
        super("h2c", ch -> ch.pipeline()
                .addLast(Http2FrameCodecBuilder.forServer().build())
                .addLast(new Answer()));
    }

    private static final class Answer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame h && h.isEndStream()) {
                var headers = new DefaultHttp2Headers().status("404").set("content-type", "text/plain");
                ctx.write(new DefaultHttp2HeadersFrame(headers).stream(h.stream()));
                ctx.writeAndFlush(new DefaultHttp2DataFrame(true).stream(h.stream()));
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
