package dev.portprobe.learn;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.Status;
import dev.portprobe.profile.Protocol;

/**
 * What learning found on one port: the row to write, and what was seen.
 *
 * @param protocol    the protocol to write
 * @param path        a well-known health path that answered 2xx, or null
 * @param grpcService a health service name that answered SERVING, or null
 * @param serverName  a DNS name from the certificate's SANs, or null
 * @param podLocal    answered through the port-forward, refused on the pod IP
 * @param optional    nothing answered: the row must not fail a probe of the learned profile
 * @param comment     what was seen, for a row that could not be identified; null otherwise
 * @param status      for progress: OK when a protocol was named, else why not
 * @param observed    what the identifier named, or null
 * @param detail      the last probe's detail
 */
public record Learned(Protocol protocol, String path, String grpcService, String serverName, boolean podLocal,
                      boolean optional, String comment, Status status, Observed observed, String detail) {

    static Learned identified(Protocol protocol, Observed observed, String detail) {
        return new Learned(protocol, null, null, null, false, false, null, Status.OK, observed, detail);
    }

    /** A row that answered, but as nothing the prober can name: tcp, with what was seen. */
    static Learned unidentified(Observed observed, String comment, String detail) {
        return new Learned(Protocol.TCP, null, null, null, false, false, comment, Status.OK, observed, detail);
    }

    /** Nothing answered: an optional tcp row that says why. */
    static Learned nothing(Status status, String comment, String detail) {
        return new Learned(Protocol.TCP, null, null, null, false, true, comment, status, null, detail);
    }

    Learned withPath(String p) {
        return new Learned(protocol, p, grpcService, serverName, podLocal, optional, comment, status, observed, detail);
    }

    Learned withGrpcService(String s) {
        return new Learned(protocol, path, s, serverName, podLocal, optional, comment, status, observed, detail);
    }

    Learned withServerName(String s) {
        return new Learned(protocol, path, grpcService, s, podLocal, optional, comment, status, observed, detail);
    }

    Learned withPodLocal(boolean p) {
        return new Learned(protocol, path, grpcService, serverName, p, optional, comment, status, observed, detail);
    }
}
