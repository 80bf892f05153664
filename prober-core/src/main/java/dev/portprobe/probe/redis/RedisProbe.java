package dev.portprobe.probe.redis;

import dev.portprobe.probe.Connects;
import dev.portprobe.probe.net.Dial;
import dev.portprobe.probe.net.Exchange;
import dev.portprobe.probe.Mismatch;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.net.Reply;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.probe.wire.Sniff;
import java.util.concurrent.CompletableFuture;

/**
 * Redis: sends {@code PING} as a RESP array. {@code +PONG} passes; so does a RESP error, since only Redis speaks
 * RESP: {@code -NOAUTH} means a password is required, {@code -DENIED} protected mode. Anything else is not Redis.
 */
final class RedisProbe implements Probe {
    private static final int CAP = 1024;

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        Exchange ping = new Exchange(scope, RespPing.bytes(), scope.remainingNanos() + Exchange.SLACK_NANOS, CAP,
                b -> Sniff.of(b) != Sniff.NEED_MORE);
        return Dial.run(scope, 0, ping).thenCompose(d -> {
            if (!d.connected()) {
                return CompletableFuture.completedFuture(Connects.failure(request, d.connectFailure()));
            }
            Reply reply = d.reply();
            if (Sniff.of(reply.bytes()) == Sniff.RESP) {
                return CompletableFuture.completedFuture(ProbeOutcome.ok(Observed.REDIS, describe(reply.bytes())));
            }
            return Mismatch.resolve(scope, Replies.unexpected(reply, "RESP"), reply.bytes());
        });
    }

    private static String describe(byte[] bytes) {
        String line = Replies.firstLine(bytes);
        if (bytes[0] != '-') {
            return "PING answered " + line;
        }
        if (line.startsWith("\"-NOAUTH")) {
            return "PING answered " + line + ": Redis answers, and requires authentication";
        }
        if (line.startsWith("\"-DENIED")) {
            return "PING answered " + line + ": Redis answers, in protected mode";
        }
        return "PING answered " + line + ": Redis answers with an error";
    }
}
