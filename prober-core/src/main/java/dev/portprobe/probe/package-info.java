/**
 * The probe core: the engine, the narrow {@link dev.portprobe.probe.Probe} interface, the scope a check runs in,
 * the {@link dev.portprobe.probe.Identifier} interface (implemented in {@code probe.identify}) that names what answers,
 * and {@link dev.portprobe.probe.Hints}.
 * Each protocol lives in its own folder ({@code tcp}, {@code tls}, {@code http}, {@code grpc}, {@code redis}, {@code dns}) behind one
 * {@link dev.portprobe.probe.ProtocolSupport}, listed in {@code META-INF/services/dev.portprobe.probe.ProtocolSupport};
 * this package never names a folder.
 *
 * <p>How a probe is built: it opens channels only through its {@link dev.portprobe.probe.ProbeScope} (so the engine
 * closes them at the verdict or the deadline), assembles its pipeline in one place ({@code net.Dial} for plaintext,
 * {@code net.TlsConnector} for TLS), runs one or more {@code net.Exchange}s (write a request, read a bounded reply), and
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
 * <p>May depend on Netty, {@code dev.portprobe.profile}, {@code dev.portprobe.outcome}, {@code probe.net} and
 * {@code probe.wire}; never on fabric8 or the resolvers.
 */
package dev.portprobe.probe;
