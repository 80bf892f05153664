package dev.portprobe.loopback;

import dev.portprobe.plan.Check;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.function.Function;

/**
 * Where a {@link DemoServer} starts: one check on one loopback host of a simulated install. Everything started here
 * belongs to the install, which closes it.
 */
public interface DemoSite {

    /** The check the server acts out. */
    Check check();

    /** The loopback address the server listens on. */
    String host();

    /** Binds a TCP listener on the host; each accepted connection gets the handlers {@code pipeline} makes. Returns the port. */
    int bind(Function<Channel, ChannelHandler[]> pipeline) throws IOException;

    /** The install's event loop group (NIO), for a server that binds its own channel (UDP). */
    EventLoopGroup group();

    /** Keeps {@code listener}, a channel bound on {@link #group()}, to close with the install. Returns its port. */
    int track(Channel listener);

    /** A Netty server TLS context with the host's certificate; demands a client certificate when {@code mutual}. */
    SslContext tls(boolean mutual) throws IOException;

    /**
     * Starts a grpc-java server with reflection on the host and returns its port.
     *
     * @param healthService the name the health service reports SERVING (with "", the whole server), or null for none
     * @param tls           plaintext when false; else TLS with the host's certificate (mTLS when {@code mutual})
     */
    int grpc(String healthService, boolean tls, boolean mutual) throws IOException;
}
