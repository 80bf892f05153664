/**
 * The probe engine and the probes: one class per protocol ({@link dev.portprobe.probe.TcpProbe},
 * {@link dev.portprobe.probe.HttpProbe}, {@link dev.portprobe.probe.HttpsProbe}, {@link dev.portprobe.probe.TlsProbe},
 * {@link dev.portprobe.probe.MtlsProbe}, {@link dev.portprobe.probe.RedisProbe}) behind the narrow
 * {@link dev.portprobe.probe.Probe} interface, registered in {@code Probes.standard()}; the
 * {@link dev.portprobe.probe.ProtocolIdentifier} that names what answers instead; and {@link dev.portprobe.probe.Hints}.
 *
 * <p>How a probe is built: it opens channels only through its {@link dev.portprobe.probe.ProbeScope} (so the engine
 * closes them at the verdict or the deadline), assembles its pipeline in one place ({@code Dial} for plaintext,
 * {@code TlsConnector} for TLS), runs one or more {@code Exchange}s (write a request, read a bounded reply), and
 * turns what came back into a {@link dev.portprobe.outcome.ProbeOutcome}. A reply that is not the expected protocol
 * goes through {@code Mismatch}, the one path to WRONG_PROTOCOL. Network failures are outcomes, never exceptions.
 *
 * <p>Statuses, as decided here:
 * <ul>
 *   <li>connection refused, or reset before any byte (at the identifier's banner wait, with no step left waiting): REFUSED, observed null;</li>
 *   <li>accepted, then closed before any byte (at every step): WRONG_PROTOCOL, observed {@code unknown}, detail
 *       "closed the connection without a reply";</li>
 *   <li>accepted, nothing ever answered: TIMEOUT, observed {@code silent} (the engine's deadline, or the identifier);</li>
 *   <li>bytes that name no protocol: WRONG_PROTOCOL, observed {@code unknown}, with the first bytes escaped;</li>
 *   <li>a protocol that started but did not finish (a stalled handshake, endless headers): TIMEOUT, observed what
 *       had answered so far.</li>
 * </ul>
 *
 * <p>May depend on Netty, {@code dev.portprobe.profile}, {@code dev.portprobe.outcome}, {@code probe.tls} and
 * {@code probe.wire}; never on fabric8 or the resolvers.
 */
package dev.portprobe.probe;
