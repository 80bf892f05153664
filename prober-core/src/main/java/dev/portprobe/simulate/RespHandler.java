package dev.portprobe.simulate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After a {@code LineBasedFrameDecoder}: a tiny RESP server. Commands come as RESP arrays of bulk strings or
 * as inline lines; {@code PING} gets {@code +PONG}, {@code QUIT} gets {@code +OK} and a close, anything else
 * {@code -ERR unknown command}, as redis answers (an HTTP/2 preface gets {@code -ERR unknown command 'PRI'}).
 */
final class RespHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final List<String> args = new ArrayList<>();
    private int argsLeft;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        String line = frame.toString(CharsetUtil.UTF_8);
        if (argsLeft == 0) {
            if (line.startsWith("*")) {
                startArray(ctx, line);
            } else if (!line.isBlank()) {
                command(ctx, List.of(line.trim().split("\\s+")));
            }
            return;
        }
        if (line.startsWith("$")) {
            return; // the length of the bulk string that follows
        }
        args.add(line);
        if (--argsLeft == 0) {
            command(ctx, List.copyOf(args));
        }
    }

    private void startArray(ChannelHandlerContext ctx, String line) {
        try {
            argsLeft = Integer.parseInt(line.substring(1).trim());
            args.clear();
        } catch (NumberFormatException e) {
            reply(ctx, "-ERR Protocol error: invalid multibulk length").addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void command(ChannelHandlerContext ctx, List<String> command) {
        String name = command.get(0).toUpperCase(Locale.ROOT);
        switch (name) {
            case "PING" -> reply(ctx, command.size() > 1 ? "+" + command.get(1) : "+PONG");
            case "QUIT" -> reply(ctx, "+OK").addListener(ChannelFutureListener.CLOSE);
            default -> reply(ctx, "-ERR unknown command '" + command.get(0) + "'");
        }
    }

    private static io.netty.channel.ChannelFuture reply(ChannelHandlerContext ctx, String line) {
        return ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", CharsetUtil.UTF_8));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
