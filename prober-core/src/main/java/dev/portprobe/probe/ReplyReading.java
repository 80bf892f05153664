package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.wire.Sniff;

/**
 * What a protocol folder makes of first bytes that the byte classifier ({@link Sniff}) put in one of its kinds: the
 * protocol they show, how a detail says so, and what they prove to the identifier. A kind is read by one folder.
 */
public interface ReplyReading {

    /** The classifier's kind this reading names. */
    Sniff kind();

    /** The protocol such bytes show. */
    Observed observed();

    /** What was seen, for a detail: {@code answered "HTTP/1.1 200 OK"}. */
    String describe(byte[] bytes);

    /**
     * On a connection where the identifier spoke first, the protocol whose identification step bounds what these bytes
     * prove: no step ranked above it can give the answer (see the identifier's precedence). Null: they prove nothing.
     */
    Observed rulesOutAbove(byte[] bytes);
}
