/**
 * The tls protocol folder: the TLS handshake probe, and mtls (a server that demands a client certificate); the handshake verdicts the https and gRPC-over-TLS probes share.
 *
 * <p>Registered through its {@link dev.portprobe.probe.ProtocolSupport}. May depend on the probe core
 * ({@code dev.portprobe.probe}, {@code probe.net}, {@code probe.wire}), {@code outcome}, {@code profile} and Netty.
 */
package dev.portprobe.probe.tls;
