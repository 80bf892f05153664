package dev.portprobe.probe.tls;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.probe.wire.Sniff;

/**
 * TLS records are tls (only the TLS ClientHello step tells tls from mtls). They rule out the banner (ranked above
 * tls): a server that speaks first sends its banner before any reply, on every connection.
 */
final class TlsReading implements ReplyReading {
    @Override
    public Sniff kind() {
        return Sniff.TLS;
    }

    @Override
    public Observed observed() {
        return Observed.TLS;
    }

    @Override
    public String describe(byte[] bytes) {
        return "answered with a TLS " + (bytes[0] == 0x15 ? "alert" : "record");
    }

    @Override
    public Observed rulesOutAbove(byte[] bytes) {
        return Observed.TLS;
    }
}
