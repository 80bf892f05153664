package dev.portprobe.probe.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of every probe pipeline: it releases what nobody read and swallows late errors (a reset after
 * the verdict, say), so nothing reaches Netty's tail, which would log them.
 */
@ChannelHandler.Sharable
final class Sink extends ChannelInboundHandlerAdapter {
    static final String NAME = "portprobe-sink";
    static final Sink INSTANCE = new Sink();

    private Sink() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the verdict is made elsewhere; a late error changes nothing
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt);
    }
}
