package dev.portprobe.probe;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.net.TlsFailure;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HintsTest {

    static Stream<Arguments> hints() {
        return Stream.of(
                Arguments.of(Protocol.HTTP, Status.WRONG_PROTOCOL, Observed.TLS, "",
                        "the port expects TLS: use https, or check whether mTLS is enforced"),
                Arguments.of(Protocol.GRPC, Status.WRONG_PROTOCOL, Observed.TLS, "",
                        "the port expects TLS: use grpc-tls, or check whether mTLS is enforced"),
                Arguments.of(Protocol.GRPC, Status.WRONG_PROTOCOL, Observed.MTLS, "",
                        "the port demands a client certificate (mTLS): use the profile's -mtls variant (grpc-mtls), or pass --cert/--key and --ca"),
                Arguments.of(Protocol.MTLS, Status.WRONG_PROTOCOL, Observed.TLS, "",
                        "mTLS is not enforced on this port: the server never asked for a client certificate; check the "
                                + "server's (or sidecar's) client-certificate setting, or expect tls"),
                Arguments.of(Protocol.HTTPS, Status.WRONG_PROTOCOL, Observed.HTTP, "",
                        "the port speaks plaintext HTTP, not TLS: expect http, or check that TLS is enabled on the server"),
                Arguments.of(Protocol.GRPC, Status.WRONG_PROTOCOL, Observed.HTTP, "",
                        "an HTTP/1.x server answers: likely an HTTP admin or metrics port, not the gRPC port; check the port number"),
                Arguments.of(Protocol.HTTP, Status.WRONG_PROTOCOL, Observed.UNKNOWN, "first bytes \"SSH-2.0\"",
                        "an unknown protocol answers (first bytes in the detail): check which process listens on 8080 (kubectl exec POD -- ss -ltnp)"),
                Arguments.of(Protocol.REDIS, Status.REFUSED, null, "",
                        "nothing listens on 8080: is the container up, and does the Service's targetPort match the container port?"),
                Arguments.of(Protocol.HTTP, Status.TIMEOUT, Observed.SILENT, "",
                        "the port accepts connections but nothing answered http: a server waiting for another protocol, a stuck "
                                + "process, or a proxy whose upstream hangs; try portprobe identify 10.0.0.1:8080 --timeout 10s"));
    }

    @ParameterizedTest(name = "expected {0}, {1} observed {2}")
    @MethodSource("hints")
    void namesTheCauseAndTheNextStep(Protocol expected, Status status, Observed observed, String detail, String hint) {
        ProbeOutcome outcome = ProbeOutcome.of(status, observed, detail);

        assertThat(Hints.forOutcome(request(expected), outcome)).isEqualTo(hint);
    }

    @Test
    void aServerThatClosesEveryConnectionIsToldByTheTypedFactNotByTheDetailText() {
        String closes = "the port accepts connections and closes them at once: a proxy or sidecar without a healthy upstream, "
                + "or a server that rejects this client; check the server's logs";
        ProbeOutcome closed = ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.UNKNOWN, "identify: unknown, something")
                .withClosedWithoutReply(true);
        ProbeOutcome onlyTheWords = ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.UNKNOWN,
                "exchange: " + Hints.CLOSED_WITHOUT_REPLY + "; identify: unknown, first bytes \"SSH-2.0\"");

        assertThat(Hints.forOutcome(request(Protocol.HTTP), closed)).isEqualTo(closes);
        assertThat(Hints.forOutcome(request(Protocol.HTTP), closed.withHint(null).withLatency(5).withDetail("x")))
                .as("the flag survives the engine's with* steps").isEqualTo(closes);
        assertThat(Hints.forOutcome(request(Protocol.HTTP), onlyTheWords)).startsWith("an unknown protocol answers");
    }

    @ParameterizedTest
    @EnumSource(value = Status.class, names = {"OK", "SKIPPED"}, mode = EnumSource.Mode.EXCLUDE)
    void givesEveryFailureAHintWhateverAnswered(Status status) {
        for (Protocol expected : Protocol.values()) {
            for (Observed observed : Arrays.asList(null, Observed.TCP, Observed.TLS, Observed.MTLS, Observed.H2, Observed.HTTP,
                    Observed.GRPC, Observed.REDIS, Observed.UNKNOWN, Observed.SILENT)) {
                assertThat(Hints.forOutcome(request(expected), ProbeOutcome.of(status, observed, "d")))
                        .as(expected + " " + status + " " + observed).isNotBlank();
            }
        }
    }

    @Test
    void explainsEachTlsFailureByItsReason() {
        ProbeRequest r = request(Protocol.TLS);
        assertThat(Hints.tlsError(r, failure(TlsFailure.Kind.EXPIRED, null))).startsWith("the server certificate has expired");
        assertThat(Hints.tlsError(r, failure(TlsFailure.Kind.WRONG_NAME, null)))
                .startsWith("the certificate does not cover 10.0.0.1: set tls.serverName");
        assertThat(Hints.tlsError(r, failure(TlsFailure.Kind.UNKNOWN_CA, null))).contains("not signed by the CA given with --ca");
        assertThat(Hints.tlsError(r, failure(TlsFailure.Kind.ALERT, "certificate_required")))
                .startsWith("the server rejected the client certificate");
        assertThat(Hints.tlsError(r, failure(TlsFailure.Kind.ALERT, "protocol_version")))
                .startsWith("the server refused the handshake (alert protocol_version)");
        for (TlsFailure.Kind kind : TlsFailure.Kind.values()) {
            assertThat(Hints.tlsError(r, failure(kind, "x"))).isNotBlank();
        }
    }

    private static TlsFailure failure(TlsFailure.Kind kind, String alert) {
        return new TlsFailure(kind, "reason", alert);
    }

    private static ProbeRequest request(Protocol expected) {
        return new ProbeRequest("10.0.0.1", 8080, PortSpec.of(8080, expected), Duration.ofSeconds(3));
    }
}
