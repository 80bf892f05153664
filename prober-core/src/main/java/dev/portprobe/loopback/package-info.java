/**
 * Loopback servers shared by the demo, the protocol folders and the tests: the contract by which a protocol folder
 * contributes its demo server ({@link dev.portprobe.loopback.DemoServer}, started on a
 * {@link dev.portprobe.loopback.DemoSite}), and the small Netty handlers more than one of them uses (discard, a RESP
 * server, an HTTP/1.1 server that answers any path).
 *
 * <p>May depend on {@code plan} and {@code profile}, on Netty; nothing else of portprobe. The protocol folders
 * (through {@code probe.ProtocolSupport}) and {@code simulate} sit above it.
 */
package dev.portprobe.loopback;
