/**
 * A simulated install: real servers on loopback that act out a profile, port by port, each speaking the
 * protocol its check expects (HTTP/1.1, TLS, HTTPS, mTLS, gRPC with and without a health service, gRPC over
 * TLS and mTLS, RESP, TCP), with optional faults. It backs {@code portprobe demo} and the end-to-end tests.
 *
 * <p>May depend on {@code profile}, {@code plan}, {@code probe} (for {@code ClientTls} and the folders' demo servers),
 * {@code loopback} and {@code resolve};
 * on Netty, grpc-java and okhttp-tls. Nothing outside the tests and the CLI's demo depends on it.
 */
package dev.portprobe.simulate;
