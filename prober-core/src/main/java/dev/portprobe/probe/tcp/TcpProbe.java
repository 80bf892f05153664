package dev.portprobe.probe.tcp;

import dev.portprobe.probe.Connects;
import dev.portprobe.probe.Probe;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProbeScope;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.outcome.Status;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;

/**
 * TCP: passes when the connection opens. The connection is then reset rather than closed (SO_LINGER 0), as
 * {@code nmap -sT} does: a sweep of thousands of ports leaves no TIME_WAIT sockets behind on either side, and the
 * peer is spared a FIN exchange for a connection that never carried a byte.
 */
final class TcpProbe implements Probe {

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request) {
        CompletableFuture<ProbeOutcome> done = new CompletableFuture<>();
        ChannelFuture connect = scope.connect(scope.bootstrap()
                .option(ChannelOption.SO_LINGER, 0)
                .handler(new ChannelInboundHandlerAdapter()));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                scope.markConnected();
                done.complete(ProbeOutcome.ok(Observed.TCP, "connected to " + request.address()));
            } else {
                done.complete(Connects.failure(request, f.cause()));
            }
        });
        return done;
    }
}
