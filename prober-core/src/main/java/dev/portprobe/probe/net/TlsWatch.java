package dev.portprobe.probe.net;

import dev.portprobe.probe.wire.Sniff;
import dev.portprobe.outcome.TlsInfo;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * Sits in front of the {@code SslHandler} (head side) and watches the raw connection: the first bytes the server sent
 * (did it speak TLS at all?), whether the connection was reset, and whether the server asked for a client
 * certificate, read from the handshake session after every read and write.
 *
 * <p>The last one matters for TLS 1.2: a server that demands a certificate fails the handshake (alert 40) after the
 * request, when the handshake session is gone; the watch saw the request, and the server's certificate, before.
 */
public final class TlsWatch extends ChannelDuplexHandler {
    private static final int KEEP = 64;

    private final SSLEngine engine;
    private final Consumer<ByteBuf> tap;
    private final byte[] first = new byte[KEEP];
    private int firstLength;
    private boolean reset;
    private boolean requested;
    private TlsInfo seenAtRequest;

    /**
     * @param engine the engine of the SslHandler behind this watch
     * @param tap    sees every raw buffer before TLS decodes it (without consuming it); may be null
     */
    public TlsWatch(SSLEngine engine, Consumer<ByteBuf> tap) {
        this.engine = engine;
        this.tap = tap;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            int n = Math.min(KEEP - firstLength, buf.readableBytes());
            if (n > 0) {
                buf.getBytes(buf.readerIndex(), first, firstLength, n);
                firstLength += n;
            }
            if (tap != null) {
                tap.accept(buf);
            }
        }
        ctx.fireChannelRead(msg);
        peek();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        peek();
        ctx.write(msg, promise);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isReset(cause)) {
            reset = true;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void peek() {
        if (requested) {
            return;
        }
        SSLSession hs = engine.getHandshakeSession();
        if (ClientCertRecorder.certificateRequested(hs)) {
            requested = true;
            seenAtRequest = TlsFacts.of(hs, null, true, null);
        }
    }

    /** The server sent a CertificateRequest in this connection's handshake. */
    public boolean certificateRequested() {
        if (!requested) {
            peek();
            if (!requested && ClientCertRecorder.certificateRequested(engine.getSession())) {
                requested = true;
            }
        }
        return requested;
    }

    /** What the handshake session showed when the request was seen (version, cipher, server certificate), or null. */
    public TlsInfo seenAtRequest() {
        return seenAtRequest;
    }

    /** The server's first bytes start with a TLS record header. */
    public boolean spokeTls() {
        return Sniff.looksTls(firstBytes());
    }

    /** The first bytes the server sent, as raw bytes (up to 64). */
    public byte[] firstBytes() {
        return Arrays.copyOf(first, firstLength);
    }

    /** The connection was reset by the peer. */
    public boolean reset() {
        return reset;
    }

    /** True for an I/O error that means the peer reset the connection. */
    public static boolean isReset(Throwable cause) {
        return SocketErrors.reset(cause);
    }
}
