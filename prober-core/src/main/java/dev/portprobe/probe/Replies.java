package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.wire.Bytes;
import dev.portprobe.probe.wire.Sniff;
import java.util.Arrays;

/** Names what a reply's bytes are, and quotes them safely for a detail line. */
public final class Replies {
    private static final int QUOTE_MAX = 48;

    private Replies() {
    }

    /**
     * What the bytes say answered.
     *
     * @param observed an {@link Observed} word
     * @param detail   what was seen, such as {@code answered "-ERR unknown command" (RESP)}
     */
    public record Finding(Observed observed, String detail) {
    }

    /** The protocol the bytes show, as the folder that reads the classifier's kind names it; null when they show none (or none yet). */
    public static Finding name(byte[] bytes) {
        ReplyReading reading = ProtocolSupports.reading(Sniff.ofFinal(bytes));
        return reading == null ? null : new Finding(reading.observed(), reading.describe(bytes));
    }

    /** The first line of the bytes, quoted and escaped. */
    public static String firstLine(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && end < 120 && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        return "\"" + Bytes.escape(Arrays.copyOf(bytes, end)) + "\"";
    }

    /** Up to 48 bytes, quoted and escaped, with "..." when there were more. */
    public static String quote(byte[] bytes) {
        byte[] head = bytes.length > QUOTE_MAX ? Arrays.copyOf(bytes, QUOTE_MAX) : bytes;
        return "\"" + Bytes.escape(head) + (bytes.length > QUOTE_MAX ? "...\"" : "\"");
    }

    /** What a reply that is not {@code expected} looked like, naming the phase: "exchange: ...". */
    public static String unexpected(Reply reply, String expected) {
        if (!reply.empty()) {
            return "exchange: the reply is not " + expected + ": " + quote(reply.bytes());
        }
        return switch (reply.end()) {
            case RESET -> "exchange: the connection was reset without a reply";
            case FAILED -> "exchange: failed without a reply: " + reply.cause();
            default -> "exchange: " + Hints.CLOSED_WITHOUT_REPLY;
        };
    }
}
