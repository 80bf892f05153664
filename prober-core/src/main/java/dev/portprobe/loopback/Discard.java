package dev.portprobe.loopback;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Reads and drops everything, answers nothing: a TCP port, the tail of a TLS port, or a silent fault. */
@ChannelHandler.Sharable
public final class Discard extends ChannelInboundHandlerAdapter {
    public static final Discard INSTANCE = new Discard();

    private Discard() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
