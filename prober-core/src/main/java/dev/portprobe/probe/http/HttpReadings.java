package dev.portprobe.probe.http;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.Replies;
import dev.portprobe.probe.ReplyReading;
import dev.portprobe.probe.wire.Sniff;
import java.util.List;

/** How the http folder reads an HTTP/1.x status line and a first HTTP/2 frame. */
final class HttpReadings {
    static final List<ReplyReading> ALL = List.of(new StatusLine(), new Http2Frame());

    private HttpReadings() {
    }

    /**
     * A status line: a status neither 400 nor 3xx rules out the steps ranked above h2 (the banner and TLS: a TLS port
     * answers plaintext with 400, as nginx, Go and Apache do, or with a redirect to https, nginx's error_page 497); a
     * 400 or a redirect, or a line cut short, only those ranked above tls (the banner).
     */
    private static final class StatusLine implements ReplyReading {
        @Override
        public Sniff kind() {
            return Sniff.HTTP;
        }

        @Override
        public Observed observed() {
            return Observed.HTTP;
        }

        @Override
        public String describe(byte[] bytes) {
            return "answered " + Replies.firstLine(bytes);
        }

        @Override
        public Observed rulesOutAbove(byte[] bytes) {
            return statusRulesOutTls(bytes) ? Observed.H2 : Observed.TLS;
        }
    }

    /** A SETTINGS or GOAWAY frame: a TLS port never answers plaintext with one, so the banner and TLS are ruled out. */
    private static final class Http2Frame implements ReplyReading {
        @Override
        public Sniff kind() {
            return Sniff.H2;
        }

        @Override
        public Observed observed() {
            return Observed.H2;
        }

        @Override
        public String describe(byte[] bytes) {
            return "answered with an HTTP/2 " + (bytes[3] == 0x7 ? "GOAWAY" : "SETTINGS") + " frame";
        }

        @Override
        public Observed rulesOutAbove(byte[] bytes) {
            return Observed.H2;
        }
    }

    /** A status line whose status is neither 400 nor 3xx (a cut-short line counts as 400). */
    static boolean statusRulesOutTls(byte[] bytes) {
        int space = -1;
        for (int i = 5; i < Math.min(bytes.length, 16); i++) {
            if (bytes[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0) {
            return false;
        }
        int code = 0;
        for (int i = space + 1; i <= space + 3; i++) {
            if (i >= bytes.length || bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
            code = code * 10 + (bytes[i] - '0');
        }
        return code != 400 && (code < 300 || code > 399);
    }
}
