package dev.portprobe.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The exporter's pages: {@code /metrics}, {@code /probe}, {@code /-/healthy}, {@code /-/ready}, and an index at
 * {@code /}. GET and HEAD only. A request the codec could not read is answered 400.
 */
@ChannelHandler.Sharable
final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String INDEX = """
            portprobe serve
              /metrics                                    the latest round's results and status transitions
              /probe?target=HOST:PORT&expect=PROTOCOL[&path=P]   probe one port now (Prometheus' multi-target pattern)
              /-/healthy                                  200 while the process serves
              /-/ready                                    200 once the first round has completed
            """;

    private final Scoreboard board;
    private final MetricsPage metrics;
    private final ProbeEndpoint probe;

    Routes(Scoreboard board, MetricsPage metrics, ProbeEndpoint probe) {
        this.board = board;
        this.metrics = metrics;
        this.probe = probe;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, Response.line(HttpResponseStatus.BAD_REQUEST, "bad request: the request could not be read"),
                    false, false);
            return;
        }
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            FullHttpResponse r = response(Response.line(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed: use GET"), false);
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            write(ctx, r, keepAlive);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        CompletableFuture<Response> answer = switch (uri.path()) {
            case "/metrics" -> CompletableFuture.completedFuture(
                    metrics.render(board.snapshot(), Exposition.negotiate(request.headers().get(HttpHeaderNames.ACCEPT))));
            case "/probe" -> probe.handle(uri.parameters(), request.headers(), ctx.executor());
            case "/-/healthy" -> CompletableFuture.completedFuture(
                    Response.line(HttpResponseStatus.OK, "portprobe is healthy."));
            case "/-/ready" -> CompletableFuture.completedFuture(board.snapshot().ready()
                    ? Response.line(HttpResponseStatus.OK, "portprobe is ready.")
                    : Response.line(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "portprobe is not ready: the first round has not completed."));
            case "/" -> CompletableFuture.completedFuture(new Response(HttpResponseStatus.OK, Response.TEXT, INDEX));
            default -> CompletableFuture.completedFuture(Response.line(HttpResponseStatus.NOT_FOUND,
                    "not found: " + uri.path() + " (try /metrics, /probe, /-/healthy, /-/ready)"));
        };
        answer.whenComplete((r, error) -> send(ctx, r != null ? r : Response.line(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "internal error: " + error), keepAlive, head));
    }

    private static void send(ChannelHandlerContext ctx, Response r, boolean keepAlive, boolean head) {
        write(ctx, response(r, head), keepAlive);
    }

    private static FullHttpResponse response(Response r, boolean head) {
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the client reset the connection, or went away mid-request: nobody to answer
    }
}
