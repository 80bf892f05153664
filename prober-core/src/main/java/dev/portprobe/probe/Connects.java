package dev.portprobe.probe;

import dev.portprobe.outcome.ProbeOutcome;

import dev.portprobe.outcome.Status;
import dev.portprobe.probe.net.SocketErrors;
import io.netty.channel.ConnectTimeoutException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** The one place that turns a failed connect into an outcome. */
public final class Connects {
    private Connects() {
    }

    public static ProbeOutcome failure(ProbeRequest request, Throwable cause) {
        String where = request.address();
        if (cause instanceof ConnectTimeoutException) {
            return ProbeOutcome.of(Status.TIMEOUT, null, "connect: " + where + " did not accept within the deadline");
        }
        if (cause instanceof UnknownHostException) {
            return ProbeOutcome.of(Status.UNRESOLVED, null, "connect: cannot resolve " + request.host());
        }
        if (cause instanceof NoRouteToHostException) {
            return ProbeOutcome.of(Status.TIMEOUT, null, "connect: no route to " + where);
        }
        if (SocketErrors.refused(cause)) {
            return ProbeOutcome.of(Status.REFUSED, null, "connect: " + where + " refused the connection");
        }
        return ProbeOutcome.of(Status.ERROR, null, "connect: " + where + ": " + cause);
    }
}
