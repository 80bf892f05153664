package dev.portprobe.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small server speaking RESP the way redis-server does for what probes send: RESP arrays and inline commands,
 * PING, AUTH with {@code requirepass}, {@code -ERR unknown command}, and a close on lines that look like HTTP
 * headers ({@code Host:}), as Redis does against cross-protocol attacks. Binary input without a newline is held, as
 * Redis waits for the end of an inline command.
 */
public final class RespServer extends LoopbackServer {

    /** @param password null for no {@code requirepass} */
    public RespServer(String password) {
        super("resp", ch -> ch.pipeline().addLast(new Session(password)));
    }

    private static final class Session extends ChannelInboundHandlerAdapter {
        private final String password;
        private final ByteBuf buffer = Unpooled.buffer();
        private boolean authenticated;

        Session(String password) {
            this.password = password;
            this.authenticated = password == null;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            buffer.writeBytes(in);
            in.release();
            List<String> command;
            while ((command = next()) != null) {
                if (!answer(ctx, command)) {
                    ctx.close();
                    return;
                }
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            buffer.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** The next complete command, or null. */
        private List<String> next() {
            int eol = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return null;
            }
            String first = line(eol);
            if (!first.startsWith("*")) {
                buffer.readerIndex(eol + 1);
                return List.of(first.strip().split("\\s+"));
            }
            int mark = buffer.readerIndex();
            buffer.readerIndex(eol + 1);
            int n = Integer.parseInt(first.substring(1).strip());
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n * 2; i++) {
                int e = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n');
                if (e < 0) {
                    buffer.readerIndex(mark);
                    return null;
                }
                String l = line(e);
                buffer.readerIndex(e + 1);
                if (i % 2 == 1) {
                    parts.add(l.strip());
                }
            }
            return parts;
        }

        private String line(int eol) {
            return buffer.toString(buffer.readerIndex(), eol - buffer.readerIndex(), StandardCharsets.ISO_8859_1);
        }

        /** False to close the connection. */
        private boolean answer(ChannelHandlerContext ctx, List<String> command) {
            String name = command.isEmpty() ? "" : command.get(0).toUpperCase(Locale.ROOT);
            if (name.equals("HOST:") || name.equals("POST")) {
                return false;
            }
            String reply;
            if (name.equals("AUTH")) {
                authenticated = password != null && command.size() > 1 && password.equals(command.get(command.size() - 1));
                reply = authenticated ? "+OK" : "-WRONGPASS invalid username-password pair";
            } else if (!authenticated) {
                reply = "-NOAUTH Authentication required.";
            } else if (name.equals("PING")) {
                reply = "+PONG";
            } else if (name.isEmpty()) {
                return true;
            } else {
                reply = "-ERR unknown command '" + command.get(0) + "'";
            }
            ctx.writeAndFlush(Unpooled.copiedBuffer(reply + "\r\n", StandardCharsets.US_ASCII));
            return true;
        }
    }
}
