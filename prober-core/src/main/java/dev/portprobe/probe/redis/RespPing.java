package dev.portprobe.probe.redis;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.wire.Sniff;
import java.nio.charset.StandardCharsets;

/** {@code PING} as a RESP array: the redis probe's request, and the identifier's step (a RESP line is redis). */
final class RespPing implements ProtocolStep {
    private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A fresh copy of the request. */
    static byte[] bytes() {
        return PING.clone();
    }

    @Override
    public String label() {
        return "RESP PING";
    }

    @Override
    public int rank() {
        return 4;
    }

    @Override
    public Observed observed() {
        return Observed.REDIS;
    }

    @Override
    public byte[] request(ProbeRequest request) {
        return bytes();
    }

    @Override
    public boolean complete(byte[] bytes) {
        return Sniff.of(bytes) != Sniff.NEED_MORE;
    }
}
