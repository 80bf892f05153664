package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ProbeScope;

import dev.portprobe.outcome.Observed;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * One {@code grpc.health.v1.Health/Check} call whose listener keeps the response headers, the trailers and
 * the TLS session: the signals that tell a gRPC server from an HTTP/2 server that is not gRPC. Callbacks run
 * on the transport's event loop (the channel uses a direct executor), so no thread is made per check.
 */
final class HealthCall extends ClientCall.Listener<HealthCheckResponse> {
    private final CompletableFuture<GrpcAnswer> answer = new CompletableFuture<>();
    private final ProbeScope scope;
    private ClientCall<HealthCheckRequest, HealthCheckResponse> call;
    private Metadata headers;
    private HealthCheckResponse response;
    private SSLSession session;

    private HealthCall(ProbeScope scope) {
        this.scope = scope;
    }

    /** Starts the call with a deadline {@code budgetNanos} from now (at most what is left of the scope's). */
    static CompletableFuture<GrpcAnswer> start(Channel channel, String service, ProbeScope scope, long budgetNanos) {
        HealthCall listener = new HealthCall(scope);
        long deadline = Math.min(budgetNanos, scope.remainingNanos());
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadline, TimeUnit.NANOSECONDS)
                .withStreamTracerFactory(new FirstByteTracer(scope));
        ClientCall<HealthCheckRequest, HealthCheckResponse> call = channel.newCall(HealthGrpc.getCheckMethod(), options);
        listener.call = call;
        call.start(listener, new Metadata());
        call.request(2);
        call.sendMessage(HealthCheckRequest.newBuilder().setService(service).build());
        call.halfClose();
        return listener.answer;
    }

    @Override
    public void onHeaders(Metadata received) {
        headers = received;
        keepSession();
        GrpcAnswer partial = new GrpcAnswer(Status.OK, received, null, null, null);
        if (partial.grpcContentType()) {
            scope.observedSoFar(Observed.GRPC);
        }
    }

    @Override
    public void onMessage(HealthCheckResponse message) {
        response = message;
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
        try {
            keepSession();
            answer.complete(new GrpcAnswer(status, headers, trailers, response, session));
        } catch (RuntimeException | LinkageError e) {
            answer.completeExceptionally(e); // a bug, reported as ERROR by the engine rather than a hang
        }
    }

    private void keepSession() {
        if (session == null) {
            session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        }
    }
}
