/**
 * Network plumbing below the probes. The connections: {@link dev.portprobe.probe.net.Dial} (a plaintext connection
 * running one exchange), {@link dev.portprobe.probe.net.Exchange} (write a request, read a bounded
 * {@link dev.portprobe.probe.net.Reply}), {@link dev.portprobe.probe.net.TlsConnector} (a TLS connection and its
 * {@link dev.portprobe.probe.net.Handshake}), the sink at the end of every pipeline and the
 * {@link dev.portprobe.probe.net.PhaseClock}. They run in a check through the narrow
 * {@link dev.portprobe.probe.net.NetScope}, which the core's {@code ProbeScope} implements.
 *
 * <p>The TLS plumbing shared by every TLS-based probe (tls, https, mtls and the gRPC probes): client {@code SslContext}s
 * built once per engine from the {@code --ca/--cert/--key} PEM files, a key manager that records whether the server
 * asked for a client certificate, trust managers that either accept everything (we test that a port speaks TLS) or
 * verify and say why they refused, and the facts of a handshake as a {@code TlsInfo}.
 *
 * <p>May depend on Netty's SSL classes, the JDK, {@code dev.portprobe.InputException}, {@code dev.portprobe.outcome}
 * and {@code dev.portprobe.probe.wire}.
 * It depends neither on the core ({@code dev.portprobe.probe}) nor on the identifier or a protocol folder, so all of
 * them can use it without a cycle.
 */
package dev.portprobe.probe.net;
