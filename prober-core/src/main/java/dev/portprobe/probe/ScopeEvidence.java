package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import io.netty.buffer.ByteBuf;

/**
 * What one check has seen so far: whether it connected, the phase it is in, what is known to answer, the first bytes
 * the peer sent. The verdict when the deadline strikes first is made of it.
 */
public final class ScopeEvidence {
    private static final int FIRST_BYTES = 64;

    private volatile boolean connected;
    /** Why a connect was refused, should one be; kept so that the deadline's verdict does not lose it. */
    private volatile Throwable refusal;
    private volatile Observed observedSoFar;
    private volatile String phase = "connect";
    private final byte[] firstBytes = new byte[FIRST_BYTES];
    private int firstBytesLength;

    ScopeEvidence() {
    }

    /** The TCP connection opened. */
    public void markConnected() {
        connected = true;
        phase = "exchange";
    }

    public boolean connected() {
        return connected;
    }

    /**
     * A connect failed with {@code cause}: a refusal is kept, so that a check whose other connections are still
     * pending (the identifier's TLS step waiting for its context, say) when the deadline strikes reports REFUSED, as
     * the refusal showed, rather than a connect timeout.
     */
    public void connectFailed(Throwable cause) {
        if (refusal == null && dev.portprobe.probe.net.SocketErrors.refused(cause)) {
            refusal = cause;
        }
    }

    /** Name of the phase now running (connect, handshake, exchange...), for the timeout message. */
    public void phase(String name) {
        this.phase = name;
    }

    /** What is known to answer so far, used if the deadline strikes before the verdict. */
    public void observedSoFar(Observed observed) {
        this.observedSoFar = observed;
    }

    /** Keeps the first bytes the peer sent, for "unknown" results. Does not consume the buffer. */
    public synchronized void recordBytes(ByteBuf buf) {
        int n = Math.min(FIRST_BYTES - firstBytesLength, buf.readableBytes());
        if (n > 0) {
            buf.getBytes(buf.readerIndex(), firstBytes, firstBytesLength, n);
            firstBytesLength += n;
        }
    }

    public synchronized byte[] firstBytes() {
        return java.util.Arrays.copyOf(firstBytes, firstBytesLength);
    }

    /** The verdict for {@code request} when the deadline strikes first. */
    public ProbeOutcome timeoutOutcome(ProbeRequest request) {
        long ms = request.timeout().toMillis();
        if (!connected && refusal != null) {
            return Connects.failure(request, refusal);
        }
        if (!connected) {
            return ProbeOutcome.of(Status.TIMEOUT, null,
                    "connect: no answer from " + request.address() + " within " + ms + " ms");
        }
        byte[] bytes = firstBytes();
        Observed seen = observedSoFar != null ? observedSoFar : named(bytes);
        String first = bytes.length == 0 ? "" : "; first bytes " + Replies.quote(bytes);
        if (seen != null) {
            return ProbeOutcome.of(Status.TIMEOUT, seen,
                    phase + ": " + seen + " answered but did not finish within " + ms + " ms" + first);
        }
        if (bytes.length == 0) {
            return ProbeOutcome.of(Status.TIMEOUT, Observed.SILENT,
                    phase + ": connected, but nothing answered within " + ms + " ms");
        }
        return ProbeOutcome.of(Status.TIMEOUT, Observed.UNKNOWN,
                phase + ": no complete answer within " + ms + " ms" + first);
    }

    /** The protocol the first bytes show, or null. */
    private static Observed named(byte[] bytes) {
        Replies.Finding f = bytes.length == 0 ? null : Replies.name(bytes);
        return f == null ? null : f.observed();
    }
}
