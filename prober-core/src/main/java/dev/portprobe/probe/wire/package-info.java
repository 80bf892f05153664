/**
 * Byte-level knowledge of the protocols portprobe speaks: the requests it sends, and pure functions that recognise
 * a reply (TLS record, HTTP/1.x status line and headers, HTTP/2 frame, RESP line).
 *
 * <p>No I/O and no Netty: everything here works on byte arrays, so it is tested without sockets. Depends on the JDK
 * only.
 */
package dev.portprobe.probe.wire;
