package dev.portprobe.probe.net;

import dev.portprobe.outcome.TlsInfo;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

/** How a TLS handshake attempt ended. */
public sealed interface Handshake {

    /** The handshake completed; {@code channel} is open and ready for application data. */
    public record Completed(Channel channel, SslHandler ssl, TlsWatch watch, TlsInfo info) implements Handshake {
        public boolean certificateRequested() {
            return info.clientCertRequested();
        }
    }

    /**
     * The connection opened but the handshake did not complete.
     *
     * @param cause the handshake failure, or null when the window passed first
     */
    public record Failed(Channel channel, TlsWatch watch, Throwable cause) implements Handshake {
        public boolean quiet() {
            return cause == null;
        }

        /** The server answered with TLS records (a ServerHello or an alert) before it failed. */
        public boolean spokeTls() {
            return watch.spokeTls();
        }

        public TlsFailure failure() {
            return cause == null ? new TlsFailure(TlsFailure.Kind.OTHER, "no TLS answer within the window", null)
                    : TlsFailure.of(cause);
        }
    }

    /** The connection did not open. */
    public record NotConnected(Throwable cause) implements Handshake {
    }
}
