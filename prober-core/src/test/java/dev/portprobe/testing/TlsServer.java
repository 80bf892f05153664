package dev.portprobe.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.tls.HeldCertificate;

/**
 * A real Netty TLS server (JDK provider) on loopback: any certificate, client auth NONE/OPTIONAL/REQUIRE, TLS 1.2 or
 * 1.3 only, optional ALPN. Over TLS it answers any request with a small HTTP/1.1 response and closes. Options act out
 * nginx: {@link Builder#plaintextGets400()} ("The plain HTTP request was sent to HTTPS port") and
 * {@link Builder#httpRequiresClientCertificate()} ({@code ssl_verify_client on}: ask in the handshake, refuse in HTTP).
 */
public final class TlsServer extends LoopbackServer {

    private TlsServer(Builder b, SslContext ctx) {
        super("tls", ch -> {
            if (b.plaintextGets400) {
                ch.pipeline().addLast(new OptionalSslHandler(ctx));
            } else {
                ch.pipeline().addLast(ctx.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpAnswer(b.httpRequiresClientCertificate));
        });
    }

    public static Builder builder(HeldCertificate certificate) {
        return new Builder(certificate);
    }

    public static final class Builder {
        private final HeldCertificate certificate;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private String protocol = "TLSv1.3";
        private String[] alpn;
        private boolean plaintextGets400;
        private boolean httpRequiresClientCertificate;

        private Builder(HeldCertificate certificate) {
            this.certificate = certificate;
        }

        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = auth;
            return this;
        }

        /** "TLSv1.2" or "TLSv1.3": the only version the server accepts. */
        public Builder protocol(String version) {
            this.protocol = version;
            return this;
        }

        public Builder alpn(String... protocols) {
            this.alpn = protocols;
            return this;
        }

        public Builder plaintextGets400() {
            this.plaintextGets400 = true;
            return this;
        }

        /** Asks for a client certificate (OPTIONAL) and answers HTTP 400 without one, as nginx does. */
        public Builder httpRequiresClientCertificate() {
            this.httpRequiresClientCertificate = true;
            this.clientAuth = ClientAuth.OPTIONAL;
            return this;
        }

        public TlsServer start() {
            try {
                SslContextBuilder b = SslContextBuilder
                        .forServer(certificate.keyPair().getPrivate(), certificate.certificate())
                        .sslProvider(SslProvider.JDK)
                        .protocols(protocol)
                        .clientAuth(clientAuth)
                        .trustManager(TestCertificates.get().ca.certificate());
                if (alpn != null) {
                    b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
                }
                return new TlsServer(this, b.build());
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Answers the first bytes of a request with an HTTP/1.1 response, then closes. */
    private static final class HttpAnswer extends ChannelInboundHandlerAdapter {
        private final boolean requireCertificate;

        HttpAnswer(boolean requireCertificate) {
            this.requireCertificate = requireCertificate;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            String response;
            if (ssl == null) {
                response = response(400, "Bad Request", "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>");
            } else if (requireCertificate && !hasPeerCertificate(ssl)) {
                response = response(400, "Bad Request", "<html><head><title>400 No required SSL certificate was sent</title></head></html>");
            } else {
                response = response(200, "OK", "ok");
            }
            ByteBuf out = Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static boolean hasPeerCertificate(SslHandler ssl) {
            try {
                return ssl.engine().getSession().getPeerCertificates().length > 0;
            } catch (SSLPeerUnverifiedException e) {
                return false;
            }
        }

        private static String response(int code, String reason, String body) {
            return "HTTP/1.1 " + code + " " + reason + "\r\nServer: test\r\nContent-Type: text/html\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        }
    }
}
