/**
 * The dns protocol folder: DNS over TCP ({@code dns}) and over UDP ({@code dns-udp}), messages through Netty's
 * netty-codec-dns; and {@link dev.portprobe.probe.dns.DnsDemoServer}, a small DNS server for the simulated install.
 *
 * <p>Registered through its {@link dev.portprobe.probe.ProtocolSupport}. May depend on the probe core
 * ({@code dev.portprobe.probe}), {@code outcome}, {@code profile} and Netty.
 */
package dev.portprobe.probe.dns;
