package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

import dev.portprobe.outcome.TlsInfo;

/**
 * What answers on a port, found by the {@link Identifier}.
 *
 * @param observed see {@link Observed}; null when nothing connected
 * @param refused  true when the connection was refused or reset before any exchange
 * @param detail   one line: what each step saw
 * @param closedWithoutReply every step connected and the server closed it before any byte (observed {@code unknown})
 */
public record Identification(Observed observed, boolean refused, String detail, TlsInfo tls, boolean closedWithoutReply) {

    public Identification(Observed observed, boolean refused, String detail, TlsInfo tls) {
        this(observed, refused, detail, tls, false);
    }
}
