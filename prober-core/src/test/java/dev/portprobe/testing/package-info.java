/**
 * Reusable test fixtures, packaged in prober-core's test-jar: certificates made in the test
 * ({@link dev.portprobe.testing.TestCertificates}), real loopback servers (TLS with any client-auth mode and version,
 * a RESP server, HTTP/2 cleartext) and a hostile server whose misbehaviour is a sealed type
 * ({@link dev.portprobe.testing.HostileServer.Misbehaviour}).
 *
 * <p>Every server binds 127.0.0.1 on port 0, owns its own one-thread event loop and is AutoCloseable. May depend on
 * Netty, okhttp-tls, MockWebServer and the JDK, and on portprobe's request types ({@code ClientTls},
 * {@code ProbeRequest}, {@code PortSpec}) to build requests; never on the probes themselves.
 */
package dev.portprobe.testing;
