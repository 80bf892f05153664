package dev.portprobe.probe.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One request and its reply on a channel: write the request (if any), then collect the reply until it is complete,
 * reaches the cap, the peer ends the connection, or the window passes. The handler removes itself when done, so a
 * channel can carry several exchanges in turn. It never closes the channel: its owner (the scope) does.
 */
public final class Exchange extends ChannelInboundHandlerAdapter {
    /**
     * Added to a probe's own read window so the engine's deadline always strikes first: a stalled exchange ends as
     * the engine's TIMEOUT, with what the scope saw.
     */
    public static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final NetScope scope;
    private final byte[] request;
    private final long windowNanos;
    private final int cap;
    private final Predicate<byte[]> complete;
    private final CompletableFuture<Reply> done = new CompletableFuture<>();
    private byte[] bytes = new byte[256];
    private int length;
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext ctx;
    private boolean hasEnd;
    private long endNanos;

    /**
     * @param request     bytes to write, or null to only listen (a banner)
     * @param windowNanos how long to wait for a complete reply
     * @param cap         stop reading after this many bytes
     * @param complete    true when the bytes so far are a complete reply
     */
    public Exchange(NetScope scope, byte[] request, long windowNanos, int cap, Predicate<byte[]> complete) {
        this.scope = scope;
        this.request = request;
        this.windowNanos = windowNanos;
        this.cap = cap;
        this.complete = complete;
    }

    public CompletableFuture<Reply> reply() {
        return done;
    }

    /**
     * Ends the window by {@code nanoTime} ({@link System#nanoTime()}) even if it started late (after a slow connect):
     * the window counts from when the exchange was planned, not from the connect.
     */
    public Exchange endingBy(long nanoTime) {
        this.hasEnd = true;
        this.endNanos = nanoTime;
        return this;
    }

    /** Adds this exchange to an open channel's pipeline, before its {@link Sink}, and starts it. */
    public CompletableFuture<Reply> runOn(Channel channel) {
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(Sink.NAME) != null) {
                channel.pipeline().addBefore(Sink.NAME, null, this);
            } else {
                channel.pipeline().addLast(this);
            }
            start();
        });
        return done;
    }

    /** Starts the window and writes the request; call once the channel is connected (and this handler added). */
    public void start() {
        if (ctx == null || done.isDone()) {
            return;
        }
        if (!ctx.channel().isActive()) {
            finish(Reply.End.CLOSED, null);
            return;
        }
        long wait = hasEnd ? Math.min(windowNanos, Math.max(0, endNanos - System.nanoTime())) : windowNanos;
        timer = ctx.executor().schedule(() -> finish(Reply.End.QUIET, null), wait, TimeUnit.NANOSECONDS);
        PhaseClock.mark(ctx.channel(), PhaseClock.Event.SENT);
        if (request != null) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(f -> {
                if (!f.isSuccess()) {
                    finish(TlsWatch.isReset(f.cause()) ? Reply.End.RESET : Reply.End.CLOSED, f.cause());
                }
            });
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            context.fireChannelRead(msg);
            return;
        }
        try {
            if (done.isDone()) {
                return;
            }
            if (buf.isReadable()) {
                PhaseClock.mark(context.channel(), PhaseClock.Event.FIRST_BYTE);
            }
            scope.recordBytes(buf);
            append(buf);
            if (length >= cap) {
                finish(Reply.End.CAPPED, null);
            } else if (complete.test(snapshot())) {
                finish(Reply.End.COMPLETE, null);
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        finish(Reply.End.CLOSED, null);
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        finish(TlsWatch.isReset(cause) ? Reply.End.RESET : Reply.End.FAILED, cause);
    }

    private void append(ByteBuf buf) {
        int n = Math.min(buf.readableBytes(), cap - length);
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(cap, Math.max(length + n, bytes.length * 2)));
        }
        buf.getBytes(buf.readerIndex(), bytes, length, n);
        length += n;
    }

    private byte[] snapshot() {
        return Arrays.copyOf(bytes, length);
    }

    private void finish(Reply.End end, Throwable cause) {
        if (done.isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (ctx != null && !ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
        done.complete(new Reply(end, snapshot(), cause));
    }
}
