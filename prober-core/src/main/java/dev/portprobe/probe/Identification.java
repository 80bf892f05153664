package dev.portprobe.probe;

import dev.portprobe.report.TlsInfo;

/**
 * What answers on a port, found by {@link ProtocolIdentifier}.
 *
 * @param observed see {@link Observed}; null when nothing connected
 * @param refused  true when the connection was refused or reset before any exchange
 * @param detail   one line: what each step saw
 */
public record Identification(String observed, boolean refused, String detail, TlsInfo tls) {
}
