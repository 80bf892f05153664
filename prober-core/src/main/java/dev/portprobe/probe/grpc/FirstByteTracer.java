package dev.portprobe.probe.grpc;

import dev.portprobe.probe.ProbeScope;
import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;

/**
 * The first-byte phase of a gRPC check: from the moment grpc-netty has written the health Check's request headers
 * ({@code outboundHeaders}, called by the transport's write listener on its event loop) to the moment it read the
 * response headers ({@code inboundHeaders}, or the trailers of a trailers-only answer, on the same event loop). It times the call's own stream, so it is also
 * measured on a shared connection, whose connect and TLS handshake belong to an earlier check.
 */
final class FirstByteTracer extends ClientStreamTracer.Factory {
    private final ProbeScope scope;

    FirstByteTracer(ProbeScope scope) {
        this.scope = scope;
    }

    @Override
    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
        return new ClientStreamTracer() {
            private volatile long sent = -1;

            @Override
            public void outboundHeaders() {
                sent = System.nanoTime();
            }

            @Override
            public void inboundHeaders(Metadata received) {
                answered();
            }

            /** A trailers-only answer (an error status with no response headers) is the first thing read too. */
            @Override
            public void inboundTrailers(Metadata trailers) {
                answered();
            }

            private void answered() {
                long at = System.nanoTime();
                long from = sent;
                if (from >= 0) {
                    scope.firstByte(from, at); // the first answer counts; the clock ignores the trailers after headers
                }
            }
        };
    }
}
