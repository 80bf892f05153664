package dev.portprobe.probe.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.Ports;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Refusal and reset decided on exception types and errno values; message text never turns a failure into either. */
class SocketErrorsTest {

    @Test
    void refusalIsAConnectExceptionAnywhereInTheChainButNotAConnectTimeout() {
        assertThat(SocketErrors.refused(new ConnectException("whatever the text"))).isTrue();
        assertThat(SocketErrors.refused(new SSLException("wrapped", new ConnectException("x")))).isTrue();
        assertThat(SocketErrors.refused(new ConnectTimeoutException("connection timed out"))).isFalse();
        assertThat(SocketErrors.refused(new IOException("Connection refused"))).isFalse();
        assertThat(SocketErrors.refused(null)).isFalse();
    }

    @Test
    void resetIsTheJdksOwnWholeMessageOnly() {
        assertThat(SocketErrors.reset(new SocketException("Connection reset"))).isTrue();
        assertThat(SocketErrors.reset(new IOException("Connection reset by peer"))).isTrue();
        assertThat(SocketErrors.reset(new IOException("Broken pipe"))).isTrue();
        assertThat(SocketErrors.reset(new SSLException("handshake", new SocketException("Connection reset")))).isTrue();
        assertThat(SocketErrors.reset(new IOException("the server said: connection reset is coming"))).isFalse();
        assertThat(SocketErrors.reset(new ConnectException("Connection refused"))).isFalse();
    }

    @Test
    void nativeTransportErrnoDecides() {
        assertThat(Epoll.isAvailable()).as("epoll on this Linux machine").isTrue();
        assertThat(SocketErrors.reset(new Errors.NativeIoException("readAddress(..)", Errors.ERRNO_ECONNRESET_NEGATIVE)))
                .isTrue();
        assertThat(SocketErrors.reset(new Errors.NativeIoException("writeAddress(..)", Errors.ERRNO_EPIPE_NEGATIVE)))
                .isTrue();
        assertThat(SocketErrors.refused(new Errors.NativeIoException("sendmsg(..)", Errors.ERROR_ECONNREFUSED_NEGATIVE)))
                .isTrue();
        assertThat(SocketErrors.reset(new Errors.NativeIoException("readAddress(..)", Errors.ERRNO_EBADF_NEGATIVE)))
                .isFalse();
    }

    @Test
    void aRealRefusalIsRecognisedOnBothTransports() throws Exception {
        int closed = Ports.closed();
        EventLoopGroup nio = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup epoll = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            assertThat(SocketErrors.refused(connectFailure(nio, NioSocketChannel.class, closed))).isTrue();
            assertThat(SocketErrors.refused(connectFailure(epoll, EpollSocketChannel.class, closed))).isTrue();
        } finally {
            nio.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
            epoll.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    private static Throwable connectFailure(EventLoopGroup group, Class<? extends io.netty.channel.socket.SocketChannel> type,
                                            int port) throws InterruptedException {
        ChannelFuture f = new Bootstrap().group(group).channel(type).handler(new ChannelInboundHandlerAdapter())
                .connect("127.0.0.1", port);
        assertThat(f.await(10, TimeUnit.SECONDS)).as("connect attempt ended").isTrue();
        f.channel().close();
        assertThat(f.cause()).isNotNull();
        return f.cause();
    }
}
