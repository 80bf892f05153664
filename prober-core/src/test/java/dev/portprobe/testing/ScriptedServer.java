package dev.portprobe.testing;

import dev.portprobe.loopback.Discard;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** A Netty server on 127.0.0.1, port 0, that behaves as its {@link Behaviour} says, on every connection. */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does with a connection. */
    public sealed interface Behaviour {
    }

    /** Accepts and never answers. */
    public record Silent() implements Behaviour {
    }

    /** HTTP/2 that is not gRPC: answers every stream with 404 text/plain. */
    public record Http2NotFound() implements Behaviour {
    }

    /** Sends its HTTP/2 SETTINGS and a GOAWAY (last stream 0, NO_ERROR) at once, then keeps the connection open. */
    public record GoAwayAfterPreface() implements Behaviour {
    }

    /** TLS with this context, and nothing after the handshake. */
    public record Tls(SslContext context) implements Behaviour {
    }

    /** HTTP/1.1 that answers every request, even a garbled one, with 400, as nginx does. */
    public record Http1BadRequest() implements Behaviour {
    }

    /** Answers whatever arrives with a RESP error, as redis answers the HTTP/2 preface. */
    public record RespErrors() implements Behaviour {
    }

    private static final byte[] SETTINGS_AND_GOAWAY = HexFormat.of().parseHex(
            "000000040000000000" + "0000080700000000000000000000000000");

    private final EventLoopGroup group;
    private final Channel server;

    private ScriptedServer(Behaviour behaviour) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(handlers(behaviour));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public static ScriptedServer start(Behaviour behaviour) throws InterruptedException {
        return new ScriptedServer(behaviour);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static ChannelHandler[] handlers(Behaviour behaviour) {
        if (behaviour instanceof Silent) {
            return new ChannelHandler[] {Discard.INSTANCE};
        }
        if (behaviour instanceof Http2NotFound) {
            return new ChannelHandler[] {Http2FrameCodecBuilder.forServer().build(), new NotFound()};
        }
        if (behaviour instanceof GoAwayAfterPreface) {
            return new ChannelHandler[] {new Greeting(SETTINGS_AND_GOAWAY), Discard.INSTANCE};
        }
        if (behaviour instanceof Http1BadRequest) {
            return new ChannelHandler[] {new HttpServerCodec(), new BadRequest()};
        }
        if (behaviour instanceof Tls tls) {
            return new ChannelHandler[] {tls.context().newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT), Discard.INSTANCE};
        }
        return new ChannelHandler[] {new RespError()};
    }

    /** The scripted handlers' base: closes on an error; what a handler does not read goes on to the next one. */
    private static class Scripted extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final class Greeting extends Scripted {
        private final byte[] bytes;

        Greeting(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
    }

    private static final class RespError extends Scripted {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(Unpooled.copiedBuffer("-ERR unknown command 'PRI'\r\n", CharsetUtil.US_ASCII));
        }
    }

    private static final class BadRequest extends Scripted {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                ByteBuf body = Unpooled.copiedBuffer("bad request\n", CharsetUtil.US_ASCII);
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, body);
                response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
            ReferenceCountUtil.release(msg);
        }
    }

    private static final class NotFound extends Scripted {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                var stream = headers.stream();
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("404")
                        .set("content-type", "text/plain"), false).stream(stream));
                ByteBuf body = Unpooled.copiedBuffer("not found\n", CharsetUtil.US_ASCII);
                ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true).stream(stream));
            }
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
