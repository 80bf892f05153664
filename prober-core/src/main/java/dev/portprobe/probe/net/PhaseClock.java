package dev.portprobe.probe.net;

import dev.portprobe.outcome.Phases;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The phase timings of one check, taken with {@link System#nanoTime()} on the event loop at the socket events: the
 * name resolved, the connection opened ({@code channelActive}'s connect future), the TLS handshake completed (the
 * {@code SslHandshakeCompletionEvent}), the request written and the first byte read. Only the check's first
 * connection is timed (later ones, such as the identifier's, would mix another connection's phases in): the scope
 * marks that channel with {@link #KEY}, and every handler records through {@link #mark}, which ignores other channels.
 * Each event counts once, the first time it happens.
 */
public final class PhaseClock {
    /** Set on the timed channel by the scope's bootstrap. */
    public static final AttributeKey<PhaseClock> KEY = AttributeKey.valueOf(PhaseClock.class, "phases");

    /** The events, in the order they happen on a connection. */
    public enum Event {
        CONNECT_START,
        CONNECTED,
        TLS_DONE,
        SENT,
        FIRST_BYTE
    }

    private final long[] at = new long[Event.values().length];
    private final boolean[] seen = new boolean[Event.values().length];
    private long dnsNanos = -1;
    private boolean claimed;

    /** True once, for the first dial of the check: that dial is the one timed. */
    public synchronized boolean claim() {
        if (claimed) {
            return false;
        }
        claimed = true;
        return true;
    }

    /** Whether the check has dialled (its timed dial is taken). */
    public synchronized boolean claimed() {
        return claimed;
    }

    /** The name resolution of the timed dial took {@code nanos}. */
    public synchronized void dns(long nanos) {
        if (dnsNanos < 0) {
            dnsNanos = nanos;
        }
    }

    synchronized void record(Event event, long nanoTime) {
        int i = event.ordinal();
        if (!seen[i]) {
            seen[i] = true;
            at[i] = nanoTime;
        }
    }

    /**
     * A first-byte span taken outside a timed channel's handlers (a gRPC stream's headers written to its response
     * headers read, both on the transport's event loop). Only the first span counts, and only if no first byte was
     * recorded before; both ends are set together, so a span never mixes two requests.
     */
    public synchronized void firstByte(long sentNanos, long firstByteNanos) {
        if (!seen[Event.FIRST_BYTE.ordinal()]) {
            seen[Event.SENT.ordinal()] = true;
            at[Event.SENT.ordinal()] = sentNanos;
            record(Event.FIRST_BYTE, firstByteNanos);
        }
    }

    /** Records {@code event} now if {@code channel} is the check's timed channel; a no-op for any other channel. */
    public static void mark(Channel channel, Event event) {
        PhaseClock clock = channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
        if (clock != null) {
            clock.record(event, System.nanoTime());
        }
    }

    /**
     * The phases measured so far, in milliseconds: {@code dns}, {@code connect} (connect start to connected),
     * {@code tls} (connected to handshake done), {@code firstByte} (request written, or the connection ready when
     * nothing is written, to the first byte read). A phase whose end was not seen is null.
     */
    public synchronized Phases phases() {
        Double dns = dnsNanos < 0 ? null : ms(dnsNanos);
        Double connect = span(Event.CONNECT_START, Event.CONNECTED);
        Double tls = span(Event.CONNECTED, Event.TLS_DONE);
        Double firstByte = span(Event.SENT, Event.FIRST_BYTE);
        return new Phases(dns, connect, tls, firstByte);
    }

    private Double span(Event from, Event to) {
        if (!seen[from.ordinal()] || !seen[to.ordinal()]) {
            return null;
        }
        return ms(Math.max(0, at[to.ordinal()] - at[from.ordinal()]));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
