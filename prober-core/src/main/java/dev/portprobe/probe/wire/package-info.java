/**
 * Byte-level knowledge shared by the core and several folders: the HTTP/1.1 GET, and the one byte classifier that
 * tells a reply's kind (TLS record, HTTP/1.x status line and headers, HTTP/2 frame, RESP line). What a kind means
 * (the protocol, the detail, what it proves to the identifier) is the protocol folders' (see ReplyReading); the
 * other requests live in their folders. {@link dev.portprobe.probe.wire.Bytes} quotes bytes safely for a detail line.
 *
 * <p>No I/O and no Netty: everything here works on byte arrays, so it is tested without sockets. Depends on the JDK
 * only.
 */
package dev.portprobe.probe.wire;
