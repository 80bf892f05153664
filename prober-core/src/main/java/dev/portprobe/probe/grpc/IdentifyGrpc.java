package dev.portprobe.probe.grpc;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Identification;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;
import dev.portprobe.profile.Protocol;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The identifier's last step, when HTTP/2 answered in cleartext: one gRPC health Check, on a fresh connection and
 * inside the same deadline, tells gRPC from plain h2. A reply with {@code content-type: application/grpc} (SERVING,
 * NOT_SERVING, or UNIMPLEMENTED from a server without the health service) is {@code grpc}; anything else, or no time
 * left, keeps {@code h2}.
 */
final class IdentifyGrpc {
    /** Below this much of the deadline, the h2 answer stands: the call could not end before the check does. */
    private static final long MIN_LEFT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private IdentifyGrpc() {
    }

    static CompletableFuture<Identification> refine(ProbeScope scope, Probe grpcProbe, Identification found) {
        if (found.observed() != Observed.H2 || found.tls() != null || scope.remainingNanos() < MIN_LEFT_NANOS) {
            return CompletableFuture.completedFuture(found);
        }
        ProbeRequest asked = scope.request();
        ProbeRequest grpc = new ProbeRequest(asked.host(), asked.port(), asked.spec().withProtocol(Protocol.GRPC),
                asked.timeout());
        scope.phase("identify: gRPC health Check");
        CompletableFuture<Identification> answer = new CompletableFuture<>();
        // an HTTP/2 server that never answers the call keeps its h2 verdict: the step ends a little before the check
        // (and should the deadline come first, ProbeEngine.identify still answers with what the steps found)
        ScheduledFuture<?> giveUp = scope.group().next().schedule(() -> answer.complete(found),
                scope.remainingNanos() * 3 / 4, TimeUnit.NANOSECONDS);
        grpcProbe.probe(scope, grpc).whenComplete((outcome, error) -> {
            giveUp.cancel(false);
            boolean grpcAnswered = error == null && outcome != null && outcome.observed() == Observed.GRPC;
            answer.complete(grpcAnswered
                    ? new Identification(Observed.GRPC, false, outcome.detail() + " (after " + found.detail() + ")", found.tls())
                    : found);
        });
        return answer;
    }
}
