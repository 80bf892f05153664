package dev.portprobe.testing;

import dev.portprobe.loopback.RespHandler;

/**
 * A small server speaking RESP the way redis-server does for what probes send: the demo's RESP handler with
 * redis-server's {@code requirepass} and its close on lines that look like HTTP headers ({@code Host:}, {@code POST}),
 * as Redis does against cross-protocol attacks. Binary input without a newline is held, as Redis waits for the end of
 * an inline command.
 */
public final class RespServer extends LoopbackServer {

    /** @param password null for no {@code requirepass} */
    public RespServer(String password) {
        super("resp", ch -> ch.pipeline().addLast(RespHandler.pipeline(RespHandler.Options.redis(password))));
    }
}
