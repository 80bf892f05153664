package dev.portprobe.probe.net;

/**
 * What came back in one {@link Exchange}: the bytes (up to the cap) and how the exchange ended.
 *
 * @param cause the error for FAILED (a TLS alert after the handshake, for example), else null
 */
public record Reply(End end, byte[] bytes, Throwable cause) {

    public enum End {
        /** The reply is complete, by the exchange's own test. */
        COMPLETE,
        /** The cap was reached before the reply was complete: reading stopped. */
        CAPPED,
        /** The peer closed the connection. */
        CLOSED,
        /** The peer reset the connection. */
        RESET,
        /** The window passed without a complete reply. */
        QUIET,
        /** The channel failed (for a TLS channel, usually an alert). */
        FAILED
    }

    public boolean empty() {
        return bytes.length == 0;
    }

    /** The peer ended the connection, or failed it, before a complete reply. */
    public boolean ended() {
        return end == End.CLOSED || end == End.RESET || end == End.FAILED;
    }
}
