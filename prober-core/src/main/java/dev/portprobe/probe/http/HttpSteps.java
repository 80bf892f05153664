package dev.portprobe.probe.http;

import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.ProbeRequest;
import dev.portprobe.probe.ProtocolStep;
import dev.portprobe.probe.wire.Requests;
import dev.portprobe.probe.wire.Sniff;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The http folder's identification steps: the HTTP/2 client preface (h2) and {@code GET /} (http). */
final class HttpSteps {
    /** The HTTP/2 client connection preface followed by an empty SETTINGS frame. */
    private static final byte[] H2_PREFACE;

    static {
        byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] settings = {0, 0, 0, 0x4, 0, 0, 0, 0, 0};
        H2_PREFACE = new byte[preface.length + settings.length];
        System.arraycopy(preface, 0, H2_PREFACE, 0, preface.length);
        System.arraycopy(settings, 0, H2_PREFACE, preface.length, settings.length);
    }

    static final List<ProtocolStep> ALL = List.of(new Preface(), new Get());

    private HttpSteps() {
    }

    /** Reading stops once the classifier can tell what the bytes are. */
    private static boolean told(byte[] bytes) {
        return Sniff.of(bytes) != Sniff.NEED_MORE;
    }

    /**
     * A SETTINGS or GOAWAY frame back is h2. Its window is a quarter: an HTTP/2 server answers at once, without
     * running any handler, while some HTTP/1.x servers hold the preface in silence (MockWebServer does).
     */
    private static final class Preface implements ProtocolStep {
        @Override
        public String label() {
            return "HTTP/2 preface";
        }

        @Override
        public int rank() {
            return 2;
        }

        @Override
        public Observed observed() {
            return Observed.H2;
        }

        @Override
        public byte[] request(ProbeRequest request) {
            return H2_PREFACE.clone();
        }

        @Override
        public boolean complete(byte[] bytes) {
            return told(bytes);
        }

        @Override
        public int windowDivisor() {
            return 4;
        }
    }

    /** A status line back is http. The whole window: a GET may run a slow handler. */
    private static final class Get implements ProtocolStep {
        @Override
        public String label() {
            return "HTTP/1.1 GET";
        }

        @Override
        public int rank() {
            return 3;
        }

        @Override
        public Observed observed() {
            return Observed.HTTP;
        }

        @Override
        public byte[] request(ProbeRequest request) {
            return Requests.httpGet("/", Requests.hostHeader(request.host(), request.port()));
        }

        @Override
        public boolean complete(byte[] bytes) {
            return told(bytes);
        }
    }
}
