/**
 * The grpc protocol folder: the standard gRPC health check over plaintext HTTP/2 (grpc), TLS (grpc-tls) and mTLS (grpc-mtls), with connections shared per address,
 * and the identifier's last step (a health Check tells gRPC from plain cleartext HTTP/2).
 *
 * <p>Registered through its {@link dev.portprobe.probe.ProtocolSupport}. May depend on the probe core
 * ({@code dev.portprobe.probe}, {@code probe.net}, {@code probe.wire}), {@code outcome}, {@code profile} and Netty.
 */
package dev.portprobe.probe.grpc;
