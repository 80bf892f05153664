package dev.portprobe.loopback;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.CharsetUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * After a {@code LineBasedFrameDecoder}: a tiny RESP server. Commands come as RESP arrays of bulk strings or
 * as inline lines; {@code PING} gets {@code +PONG}, {@code QUIT} gets {@code +OK} and a close, anything else
 * {@code -ERR unknown command}, as redis answers (an HTTP/2 preface gets {@code -ERR unknown command 'PRI'}).
 * The demo serves it as it is; the tests turn on what redis-server does beyond that (see {@link Options}).
 */
public final class RespHandler extends SimpleChannelInboundHandler<ByteBuf> {
    /**
     * What the server does beyond PING and QUIT.
     *
     * @param requirepass        null for none (AUTH is then an unknown command); else every command but AUTH gets
     *                           {@code -NOAUTH} until {@code AUTH [user] PASSWORD} names it ({@code -WRONGPASS} otherwise)
     * @param closesOnHttpLines  close the connection on a {@code Host:} or {@code POST} line, as redis-server does
     *                           against cross-protocol attacks
     */
    public record Options(String requirepass, boolean closesOnHttpLines) {
        /** The demo's server: no password, answers HTTP lines with errors. */
        public static final Options DEMO = new Options(null, false);

        /** redis-server's defaults: no password, closes on HTTP lines. */
        public static Options redis(String requirepass) {
            return new Options(requirepass, true);
        }
    }

    private final Options options;
    private final List<String> args = new ArrayList<>();
    private boolean authenticated;

    /** The handlers of one accepted connection: lines of up to 64 KiB, then this server. */
    public static ChannelHandler[] pipeline() {
        return pipeline(Options.DEMO);
    }

    /** The same with {@code options}. */
    public static ChannelHandler[] pipeline(Options options) {
        return new ChannelHandler[] {new LineBasedFrameDecoder(64 * 1024), new RespHandler(options)};
    }

    /** The demo's server. */
    public RespHandler() {
        this(Options.DEMO);
    }

    public RespHandler(Options options) {
        this.options = options;
        this.authenticated = options.requirepass() == null;
    }
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
        if (options.closesOnHttpLines() && (name.equals("HOST:") || name.equals("POST"))) {
            ctx.close();
            return;
        }
        String password = options.requirepass();
        if (password != null && name.equals("AUTH")) {
            authenticated = command.size() > 1 && password.equals(command.get(command.size() - 1));
            reply(ctx, authenticated ? "+OK" : "-WRONGPASS invalid username-password pair");
            return;
        }
        if (!authenticated) {
            reply(ctx, "-NOAUTH Authentication required.");
            return;
        }
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
