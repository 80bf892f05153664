package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;

import static dev.portprobe.profile.Protocol.HTTP;
import static dev.portprobe.profile.Protocol.HTTPS;
import static dev.portprobe.profile.Protocol.MTLS;
import static dev.portprobe.profile.Protocol.REDIS;
import static dev.portprobe.profile.Protocol.TCP;
import static dev.portprobe.profile.Protocol.TLS;
import static dev.portprobe.outcome.Status.OK;
import static dev.portprobe.outcome.Status.REFUSED;
import static dev.portprobe.outcome.Status.TIMEOUT;
import static dev.portprobe.outcome.Status.WRONG_PROTOCOL;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import dev.portprobe.testing.HostileServer;
import dev.portprobe.testing.HostileServer.Misbehaviour;
import java.util.List;

/** The expected result of each probe against each hostile server: the table the hostile tests check. */
final class HostileCases {
    static final Misbehaviour SILENCE = new Misbehaviour.AcceptThenSilence();
    static final Misbehaviour CLOSE = new Misbehaviour.AcceptThenClose();
    static final Misbehaviour RESET = new Misbehaviour.ResetAfterAccept();
    static final Misbehaviour DRIP = new Misbehaviour.SlowDrip("HTTP/1.1 200 OK\r\nX-Drip: ", 20);
    static final Misbehaviour GARBAGE = new Misbehaviour.Garbage(HostileServer.GARBAGE);
    static final Misbehaviour HUGE_HEADERS = new Misbehaviour.HugeHeaders(1024 * 1024);
    static final Misbehaviour TLS_STALL = new Misbehaviour.TlsHandshakeStall();
    static final Misbehaviour GOAWAY = new Misbehaviour.GoawayAfterPreface();
    static final List<Misbehaviour> MISBEHAVIOURS = List.of(SILENCE, CLOSE, RESET, DRIP, GARBAGE, HUGE_HEADERS, TLS_STALL, GOAWAY);

    record Row(String server, Misbehaviour misbehaviour, Protocol expected, Status status, Observed observed) {
    }

    static final List<Row> ROWS = List.of(
            row("accepts then stays silent", SILENCE, TCP, OK, Observed.TCP),
            row("accepts then stays silent", SILENCE, HTTP, TIMEOUT, Observed.SILENT),
            row("accepts then stays silent", SILENCE, TLS, TIMEOUT, Observed.SILENT),
            row("accepts then stays silent", SILENCE, HTTPS, TIMEOUT, Observed.SILENT),
            row("accepts then stays silent", SILENCE, MTLS, TIMEOUT, Observed.SILENT),
            row("accepts then stays silent", SILENCE, REDIS, TIMEOUT, Observed.SILENT),

            row("accepts then closes", CLOSE, HTTP, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("accepts then closes", CLOSE, TLS, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("accepts then closes", CLOSE, MTLS, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("accepts then closes", CLOSE, REDIS, WRONG_PROTOCOL, Observed.UNKNOWN),

            row("resets after accept", RESET, HTTP, REFUSED, null),
            row("resets after accept", RESET, HTTPS, REFUSED, null),
            row("resets after accept", RESET, TLS, REFUSED, null),
            row("resets after accept", RESET, REDIS, REFUSED, null),

            row("drips header bytes forever", DRIP, HTTP, TIMEOUT, Observed.HTTP),
            row("drips header bytes forever", DRIP, TLS, WRONG_PROTOCOL, Observed.HTTP),
            row("drips header bytes forever", DRIP, REDIS, WRONG_PROTOCOL, Observed.HTTP),

            row("sends garbage", GARBAGE, HTTP, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("sends garbage", GARBAGE, TLS, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("sends garbage", GARBAGE, MTLS, WRONG_PROTOCOL, Observed.UNKNOWN),
            row("sends garbage", GARBAGE, REDIS, WRONG_PROTOCOL, Observed.UNKNOWN),

            row("sends a 1 MiB header block", HUGE_HEADERS, HTTP, OK, Observed.HTTP),
            row("sends a 1 MiB header block", HUGE_HEADERS, HTTPS, WRONG_PROTOCOL, Observed.HTTP),
            row("sends a 1 MiB header block", HUGE_HEADERS, REDIS, WRONG_PROTOCOL, Observed.HTTP),

            row("stalls the TLS handshake", TLS_STALL, TLS, TIMEOUT, Observed.TLS),
            row("stalls the TLS handshake", TLS_STALL, HTTPS, TIMEOUT, Observed.TLS),
            row("stalls the TLS handshake", TLS_STALL, MTLS, TIMEOUT, Observed.TLS),
            row("stalls the TLS handshake", TLS_STALL, HTTP, WRONG_PROTOCOL, Observed.TLS),

            row("sends GOAWAY after the preface", GOAWAY, HTTP, WRONG_PROTOCOL, Observed.H2),
            row("sends GOAWAY after the preface", GOAWAY, TLS, WRONG_PROTOCOL, Observed.H2),
            row("sends GOAWAY after the preface", GOAWAY, REDIS, WRONG_PROTOCOL, Observed.H2));

    private HostileCases() {
    }

    private static Row row(String server, Misbehaviour m, Protocol expected, Status status, Observed observed) {
        return new Row(server, m, expected, status, observed);
    }
}
