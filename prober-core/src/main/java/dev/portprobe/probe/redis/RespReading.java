package dev.portprobe.probe.redis;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.probe.wire.Sniff;

/**
 * A RESP line is redis. It rules out the steps ranked above http (the banner, TLS and the HTTP/2 preface: a TLS port
 * never answers in RESP, nor does a server that speaks HTTP/2), but not the GET: a server may sniff both, as
 * Dragonfly does.
 */
final class RespReading implements ReplyReading {
    @Override
    public Sniff kind() {
        return Sniff.RESP;
    }

    @Override
    public Observed observed() {
        return Observed.REDIS;
    }

    @Override
    public String describe(byte[] bytes) {
        return "answered " + Replies.firstLine(bytes) + " (RESP)";
    }

    @Override
    public Observed rulesOutAbove(byte[] bytes) {
        return Observed.HTTP;
    }
}
