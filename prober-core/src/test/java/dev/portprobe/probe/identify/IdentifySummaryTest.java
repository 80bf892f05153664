package dev.portprobe.probe.identify;

import dev.portprobe.probe.Identification;
import dev.portprobe.probe.net.Reply;
import dev.portprobe.probe.Hints;
import dev.portprobe.probe.ProbeRequest;

import dev.portprobe.outcome.Observed;

import static dev.portprobe.probe.identify.IdentifyStep.BANNER;
import static dev.portprobe.probe.identify.IdentifyStep.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.testing.Requests;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the identifier reports when no step named a protocol, and which steps it tries again first. */
class IdentifySummaryTest {
    private static final ProbeRequest REQUEST = Requests.to(7000, Protocol.TCP);
    /** The folders' steps, as registered (http: preface and GET; redis: PING). */
    private static final IdentifyStep H2 = IdentifyStep.labelled("HTTP/2 preface");
    private static final IdentifyStep HTTP1 = IdentifyStep.labelled("HTTP/1.1 GET");
    private static final IdentifyStep RESP = IdentifyStep.labelled("RESP PING");

    @Test
    void reportsRefusedWhenNoStepConnected() {
        Identification id = summary(refused(BANNER), refused(TLS), refused(H2), refused(HTTP1), refused(RESP));

        assertThat(id.observed()).isNull();
        assertThat(id.refused()).isTrue();
    }

    @Test
    void reportsRefusedWhenTheBannerWaitWasResetAndNoStepWaited() {
        Identification id = summary(ended(BANNER, Reply.End.RESET), ended(TLS, Reply.End.CLOSED), ended(H2, Reply.End.RESET),
                ended(HTTP1, Reply.End.RESET), ended(RESP, Reply.End.RESET));

        assertThat(id.observed()).isNull();
        assertThat(id.refused()).isTrue();
    }

    @Test
    void reportsClosedWithoutAReplyWhenTheBannerWaitWasClosedAndOthersReset() {
        Identification id = summary(ended(BANNER, Reply.End.CLOSED), ended(TLS, Reply.End.RESET), ended(H2, Reply.End.RESET),
                ended(HTTP1, Reply.End.RESET), ended(RESP, Reply.End.RESET));

        assertThat(id.observed()).isEqualTo(Observed.UNKNOWN);
        assertThat(id.detail()).contains(Hints.CLOSED_WITHOUT_REPLY);
        assertThat(id.closedWithoutReply()).isTrue();
    }

    @Test
    void reportsSilentNotRefusedWhenOneStepWaitedWhileTheOthersWereTurnedAway() {
        Identification id = summary(ended(BANNER, Reply.End.RESET), ended(TLS, Reply.End.QUIET), refused(H2), refused(HTTP1),
                ended(RESP, Reply.End.CLOSED));

        assertThat(id.observed()).isEqualTo(Observed.SILENT);
        assertThat(id.refused()).isFalse();
        assertThat(id.detail()).contains("no reply to TLS ClientHello", "2 step(s) ended without a reply", "2 step(s) could not connect");
    }

    @Test
    void reportsTlsWhenAPlaintextStepGotTlsRecordsButTheHandshakeDidNotFinish() {
        Identification id = summary(quiet(BANNER), quiet(TLS), StepResult.ofBytes(H2, new byte[] {0x15, 0x03, 0x03, 0, 2, 2, 40}),
                quiet(HTTP1), quiet(RESP));

        assertThat(id.observed()).isEqualTo(Observed.TLS);
    }

    @Test
    void reportsTheEarliestUnknownBytes() {
        Identification id = summary(quiet(BANNER), quiet(TLS), StepResult.ofBytes(H2, ascii("what?\n")),
                StepResult.ofBytes(HTTP1, ascii("huh\n")), quiet(RESP));

        assertThat(id.observed()).isEqualTo(Observed.UNKNOWN);
        assertThat(id.detail()).isEqualTo("first bytes \"what?\\n\" (HTTP/2 preface)");
    }

    @Test
    void retriesTheStepsTurnedAwayWhileTheServerHeldAnotherConnection() {
        StepResult[] results = {ended(BANNER, Reply.End.CLOSED), quiet(TLS), refused(H2), ended(HTTP1, Reply.End.RESET), quiet(RESP)};

        assertThat(IdentifySummary.toRetry(results)).containsExactly(BANNER, H2, HTTP1);
    }

    @Test
    void retriesNothingWhenTheServerEndsEveryConnection() {
        StepResult[] results = {ended(BANNER, Reply.End.CLOSED), ended(TLS, Reply.End.CLOSED), ended(H2, Reply.End.RESET),
                ended(HTTP1, Reply.End.CLOSED), refused(RESP)};

        assertThat(IdentifySummary.toRetry(results)).isEmpty();
    }

    /** A loaded server may accept (and reset) the banner's connection only after its short window. */
    @Test
    void retriesAQuietBannerLastWhenItAloneShowedTheServerHoldingAConnection() {
        StepResult[] results = {quiet(BANNER), ended(TLS, Reply.End.RESET), ended(H2, Reply.End.RESET),
                ended(HTTP1, Reply.End.RESET), refused(RESP)};

        assertThat(IdentifySummary.toRetry(results)).containsExactly(TLS, H2, HTTP1, RESP, BANNER);
    }

    @Test
    void keepsAQuietBannerWhenAnotherStepWasQuietToo() {
        StepResult[] results = {quiet(BANNER), ended(TLS, Reply.End.RESET), quiet(H2), ended(HTTP1, Reply.End.RESET),
                refused(RESP)};

        assertThat(IdentifySummary.toRetry(results)).containsExactly(TLS, HTTP1, RESP);
    }

    private static Identification summary(StepResult... results) {
        return IdentifySummary.of(REQUEST, results);
    }

    private static StepResult quiet(IdentifyStep step) {
        return StepResult.noReply(step, Reply.End.QUIET);
    }

    private static StepResult ended(IdentifyStep step, Reply.End end) {
        return StepResult.noReply(step, end);
    }

    private static StepResult refused(IdentifyStep step) {
        return StepResult.notConnected(step, new ConnectException("Connection refused"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
