/**
 * The grpc protocol folder: the standard gRPC health check over plaintext HTTP/2 (grpc), TLS (grpc-tls) and mTLS (grpc-mtls), with connections shared per address.
 *
 * <p>Registered through its {@link dev.portprobe.probe.ProtocolSupport}. May depend on the probe core
 * ({@code dev.portprobe.probe}, {@code probe.net}, {@code probe.wire}), {@code outcome}, {@code profile} and Netty.
 */
package dev.portprobe.probe.grpc;
