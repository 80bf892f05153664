package dev.portprobe.probe.grpc;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.ProbeRequest;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.outcome.Status;
import io.grpc.Metadata;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The classification on its own, from hand-made answers; GrpcProbeTest covers the same cases on real peers. */
class GrpcVerdictTest {
    private static final ProbeRequest GRPC = GrpcProbeTest.request(9977, Protocol.GRPC, "", Duration.ofSeconds(1));
    private static final byte[] NOTHING = new byte[0];

    @Test
    void leavesADeadlineToTheScopeWhichKnowsWhatWasSeen() {
        var next = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.DEADLINE_EXCEEDED, null), true, NOTHING);
        assertThat(next).isInstanceOf(GrpcVerdict.TimedOut.class);
    }

    @Test
    void turnsAFailedConnectIntoRefusedOrTimeoutByTheCauseClass() {
        var refused = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.UNAVAILABLE.withCause(new ConnectException("x")), null), false, NOTHING);
        var slow = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.UNAVAILABLE.withCause(new ConnectTimeoutException("x")), null), false, NOTHING);
        assertThat(((GrpcVerdict.Done) refused).outcome().status()).isEqualTo(Status.REFUSED);
        assertThat(((GrpcVerdict.Done) slow).outcome().status()).isEqualTo(Status.TIMEOUT);
    }

    @Test
    void callsAnyOtherGrpcStatusUnhealthyWhenTheContentTypeIsGrpc() {
        var next = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.PERMISSION_DENIED.withDescription("no"), grpcTrailers()), true, NOTHING);
        ProbeOutcome outcome = ((GrpcVerdict.Done) next).outcome();
        assertThat(outcome.status()).isEqualTo(Status.UNHEALTHY);
        assertThat(outcome.detail()).contains("PERMISSION_DENIED: no");
    }

    @Test
    void sniffsForTlsWhenHttp1AnsweredThePlaintextPreface() {
        var next = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.INTERNAL, null), true, ascii("HTTP/1.1 400"));
        assertThat(next).isEqualTo(new GrpcVerdict.SniffTls(true, "INTERNAL"));
    }

    @Test
    void fallsBackToGrpcJavasHexDumpWhenNoBytesWereTapped() {
        io.grpc.Status status = io.grpc.Status.INTERNAL.withDescription("http2 exception")
                .withCause(new RuntimeException("First received frame was not SETTINGS. Hex dump for first 5 bytes: 485454502f"));
        var next = GrpcVerdict.decide(GRPC, answer(status, null), true, NOTHING);
        assertThat(next).isInstanceOf(GrpcVerdict.SniffTls.class);
        assertThat(((GrpcVerdict.SniffTls) next).sawHttp()).isTrue();
    }

    @Test
    void sniffsForTlsWhenThePlaintextConnectionClosedWithoutAByte() {
        var next = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.UNAVAILABLE.withDescription("Network closed"), null), true, NOTHING);
        assertThat(next).isInstanceOf(GrpcVerdict.SniffTls.class);
        assertThat(((GrpcVerdict.SniffTls) next).sawHttp()).isFalse();
    }

    @Test
    void leavesUnknownBytesToTheIdentifier() {
        var next = GrpcVerdict.decide(GRPC, answer(io.grpc.Status.INTERNAL, null), true, ascii("SSH-2.0-OpenSSH_9.6\r\n"));
        assertThat(next).isInstanceOf(GrpcVerdict.Identify.class);
    }

    @Test
    void mapsIdentificationsToStatuses() {
        assertThat(GrpcProbe.fromIdentification(GRPC, new Identification(Observed.SILENT, false, "quiet", null), "x").status())
                .isEqualTo(Status.TIMEOUT);
        assertThat(GrpcProbe.fromIdentification(GRPC, new Identification(null, true, "reset", null), "x").status())
                .isEqualTo(Status.REFUSED);
        ProbeOutcome mtls = GrpcProbe.fromIdentification(GRPC, new Identification(Observed.MTLS, false, "CertificateRequest", null), "x");
        assertThat(mtls.status()).isEqualTo(Status.WRONG_PROTOCOL);
        assertThat(mtls.observed()).isEqualTo(Observed.MTLS);
        assertThat(mtls.hint()).contains("-mtls variant");
        ProbeOutcome unknown = GrpcProbe.fromIdentification(GRPC, new Identification(Observed.UNKNOWN, false, "SSH-2.0", null), "x");
        assertThat(unknown.status()).isEqualTo(Status.WRONG_PROTOCOL);
        assertThat(unknown.observed()).isEqualTo(Observed.UNKNOWN);
    }

    private static GrpcAnswer answer(io.grpc.Status status, Metadata trailers) {
        return new GrpcAnswer(status, null, trailers == null ? new Metadata() : trailers, null, null);
    }

    private static Metadata grpcTrailers() {
        Metadata m = new Metadata();
        m.put(GrpcAnswer.CONTENT_TYPE, "application/grpc");
        return m;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
