package dev.portprobe.probe.net;

import dev.portprobe.outcome.Observed;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;

/**
 * What {@link Dial}, {@link Exchange} and {@link TlsConnector} need from the check they run in: a bootstrap on the
 * engine's event loops, a connect that the check tracks (and closes at its verdict or deadline), and a place to record
 * what the peer did. The probe core's {@code ProbeScope} implements it; this narrow view lets the connection plumbing
 * sit below the core without naming it.
 */
public interface NetScope {

    /** A bootstrap on the engine's event loops and channel type, not yet connected. */
    Bootstrap bootstrap();

    /** Connects {@code bootstrap} to the check's address; the channel is tracked and closed with the check. */
    ChannelFuture connect(Bootstrap bootstrap);

    /** The connection opened. */
    void markConnected();

    /** The check entered a named phase (for the timeout verdict's detail). */
    void phase(String name);

    /** The peer sent these bytes (the first ones are kept as evidence). */
    void recordBytes(ByteBuf buf);

    /** The first bytes the peer sent, as recorded so far. */
    byte[] firstBytes();

    /** What has answered so far, should the deadline strike before a verdict. */
    void observedSoFar(Observed observed);

    /** The TLS server name (SNI and verification name) of the check. */
    String tlsServerName();
}
