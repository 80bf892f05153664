package dev.portprobe.probe.net;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;

/**
 * What a socket failure means, decided on types and errno values, not on message text: the native (epoll) transport
 * reports {@link Errors.NativeIoException} with its errno ({@link Errors.NativeIoException#expectedErr()}), and
 * refusals as {@link ConnectException}. The JDK's NIO transport has no type for a reset (it throws a plain
 * {@link java.net.SocketException} "Connection reset", or an {@link IOException} "Broken pipe"), so for that one case
 * alone the JDK's own fixed message is compared, whole.
 */
public final class SocketErrors {
    private SocketErrors() {
    }

    /**
     * The peer refused the connection: a {@link ConnectException} (not Netty's connect timeout, which is one), or
     * ECONNREFUSED from the native transport.
     */
    public static boolean refused(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException && !(t instanceof ConnectTimeoutException)
                    || t instanceof Errors.NativeIoException n && n.expectedErr() == Errors.ERROR_ECONNREFUSED_NEGATIVE) {
                return true;
            }
        }
        return false;
    }

    /** The peer reset the connection (ECONNRESET) or it broke under a write (EPIPE). */
    public static boolean reset(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Errors.NativeIoException n) {
                int errno = n.expectedErr();
                if (errno == Errors.ERRNO_ECONNRESET_NEGATIVE || errno == Errors.ERRNO_EPIPE_NEGATIVE) {
                    return true;
                }
            } else if (t instanceof IOException && jdkReset(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** sun.nio.ch's messages for ECONNRESET and EPIPE (the NIO transport gives no other sign). */
    private static boolean jdkReset(String message) {
        String m = String.valueOf(message).toLowerCase(Locale.ROOT);
        return m.equals("connection reset") || m.equals("connection reset by peer") || m.equals("broken pipe");
    }
}
