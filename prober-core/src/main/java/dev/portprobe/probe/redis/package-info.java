/**
 * The redis protocol folder: a RESP PING.
 *
 * <p>Registered through its {@link dev.portprobe.probe.ProtocolSupport}. May depend on the probe core
 * ({@code dev.portprobe.probe}, {@code probe.net}, {@code probe.wire}), {@code outcome}, {@code profile} and Netty.
 */
package dev.portprobe.probe.redis;
