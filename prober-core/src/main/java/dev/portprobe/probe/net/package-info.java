/**
 * Network plumbing below the probes. For now the TLS part: TLS plumbing shared by every TLS-based probe (tls, https, mtls and the gRPC probes): client {@code SslContext}s
 * built once per engine from the {@code --ca/--cert/--key} PEM files, a key manager that records whether the server
 * asked for a client certificate, trust managers that either accept everything (we test that a port speaks TLS) or
 * verify and say why they refused, and the facts of a handshake as a {@code TlsInfo}.
 *
 * <p>May depend on Netty's SSL classes, the JDK, {@code dev.portprobe.InputException}, {@code dev.portprobe.outcome}
 * and {@code dev.portprobe.probe.wire}.
 * It does not depend on {@code dev.portprobe.probe}, so that package can use it without a cycle.
 */
package dev.portprobe.probe.net;
