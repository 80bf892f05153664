package dev.portprobe.probe.identify;

import dev.portprobe.probe.net.Reply;

import dev.portprobe.outcome.Observed;

import static dev.portprobe.probe.identify.IdentifyStep.BANNER;
import static dev.portprobe.probe.identify.IdentifyStep.TLS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.identify.Precedence.Evidence;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link Precedence}: what each finding rules out, and when an answer is final. */
class PrecedenceTest {
    /** The folders' steps, as registered (http: preface and GET; redis: PING). */
    private static final IdentifyStep H2 = IdentifyStep.labelled("HTTP/2 preface");
    private static final IdentifyStep HTTP1 = IdentifyStep.labelled("HTTP/1.1 GET");
    private static final IdentifyStep RESP = IdentifyStep.labelled("RESP PING");
    private static final byte[] SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final byte[] SERVER_HELLO = {0x16, 0x03, 0x03, 0x00, 0x5a, 0x02};
    private static final byte[] ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    // --- the table: what a finding proves about the server ---

    @Test
    void tlsRecordsRuleOutOnlyTheBanner() {
        assertThat(rulesOut(StepResult.tls(Observed.TLS, "TLSv1.3", null, SERVER_HELLO))).containsExactly(BANNER);
        assertThat(rulesOut(StepResult.ofBytes(H2, ALERT))).containsExactly(BANNER);
    }

    @Test
    void anHttp2FrameRulesOutTheBannerAndTls() {
        assertThat(rulesOut(StepResult.ofBytes(H2, SETTINGS))).containsExactly(BANNER, TLS);
        assertThat(rulesOut(StepResult.ofBytes(TLS, SETTINGS))).containsExactly(BANNER, TLS);
    }

    @Test
    void anHttpStatusOtherThan400OrARedirectRulesOutTheBannerAndTls() {
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 200 OK\r\n")))).containsExactly(BANNER, TLS);
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("HTTP/1.0 404 Not Found\r\n")))).containsExactly(BANNER, TLS);
        assertThat(rulesOut(StepResult.ofBytes(RESP, ascii("HTTP/1.1 505 HTTP Version Not Supported\r\n")))).containsExactly(BANNER, TLS);
    }

    @Test
    void anHttp400OrARedirectRulesOutOnlyTheBannerBecauseTlsPortsAnswerPlaintextSo() {
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 400 Bad Request\r\n")))).containsExactly(BANNER);
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 301 Moved Permanently\r\n")))).containsExactly(BANNER);
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 ")))).containsExactly(BANNER);
    }

    @Test
    void aRespLineRulesOutTheBannerTlsAndHttp2ButNotTheHttpGet() {
        assertThat(rulesOut(StepResult.ofBytes(RESP, ascii("+PONG\r\n")))).containsExactly(BANNER, TLS, H2);
        assertThat(rulesOut(StepResult.ofBytes(H2, ascii("-ERR unknown command 'PRI'\r\n")))).containsExactly(BANNER, TLS, H2);
    }

    @Test
    void unknownBytesNoReplyAndTheBannersOwnBytesRuleOutNothing() {
        assertThat(rulesOut(StepResult.ofBytes(HTTP1, ascii("SSH-2.0-OpenSSH\r\n")))).isEmpty();
        assertThat(rulesOut(StepResult.noReply(TLS, Reply.End.QUIET))).isEmpty();
        assertThat(rulesOut(StepResult.notConnected(H2, new java.net.ConnectException("refused")))).isEmpty();
        assertThat(rulesOut(StepResult.ofBytes(BANNER, ascii("+OK ready\r\n")))).isEmpty();
    }

    // --- when an answer is final ---

    @Test
    void theBannersBytesAreFinalAtOnce() {
        StepResult banner = StepResult.ofBytes(BANNER, ascii("SSH-2.0-OpenSSH_9.2p1\r\n"));

        assertThat(Precedence.decide(results(banner))).isSameAs(banner);
    }

    @Test
    void aTlsAnswerIsFinalWhileTheBannerWaitAndTheOtherStepsStillRun() {
        StepResult tls = StepResult.tls(Observed.MTLS, "asked for a client certificate", null, SERVER_HELLO);

        assertThat(Precedence.decide(results(tls))).isSameAs(tls);
    }

    @Test
    void anHttp2FrameIsFinalWhileTheBannerWaitAndTheTlsStepStillRun() {
        StepResult h2 = StepResult.ofBytes(H2, SETTINGS);

        assertThat(Precedence.decide(results(h2))).isSameAs(h2);
    }

    @Test
    void httpWaitsForTheHttp2PrefaceWhichMayStillShowH2() {
        StepResult http = StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 200 OK\r\n"));

        assertThat(Precedence.decide(results(http))).isNull();
        assertThat(Precedence.decide(results(http, StepResult.noReply(H2, Reply.End.CLOSED)))).isSameAs(http);
    }

    @Test
    void anHttp400WaitsForTheTlsStepWhichDecides() {
        StepResult http = StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 400 Bad Request\r\n"));
        StepResult preface = StepResult.ofBytes(H2, ascii("HTTP/1.1 400 Bad Request\r\n"));
        StepResult tls = StepResult.tls(Observed.TLS, "TLSv1.3", null, SERVER_HELLO);

        assertThat(Precedence.decide(results(http, preface))).isNull();
        assertThat(Precedence.decide(results(http, preface, tls))).isSameAs(tls);
    }

    @Test
    void redisWaitsOnlyForTheHttpGet() {
        StepResult pong = StepResult.ofBytes(RESP, ascii("+PONG\r\n"));

        assertThat(Precedence.decide(results(pong))).isNull();
        assertThat(Precedence.decide(results(pong, StepResult.noReply(HTTP1, Reply.End.CLOSED)))).isSameAs(pong);
    }

    @Test
    void aHigherRankedAnswerOfALaterStepBeatsAnEarlierStepsLowerOne() {
        StepResult http = StepResult.ofBytes(TLS, ascii("HTTP/1.1 400 Bad Request\r\n"));
        StepResult h2 = StepResult.ofBytes(H2, SETTINGS);

        assertThat(Precedence.decide(results(http, h2))).isSameAs(h2);
    }

    @Test
    void onATieTheStepWhoseOwnProtocolItIsGivesTheAnswer() {
        StepResult toHello = StepResult.ofBytes(TLS, ascii("HTTP/1.1 400 Bad Request\r\n"));
        StepResult toGet = StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 200 OK\r\n"));

        assertThat(Precedence.best(results(toHello, toGet))).isSameAs(toGet);
    }

    @Test
    void tlsRecordsOnAPlaintextStepAreNoAnswerBecauseOnlyTheTlsStepTellsTlsFromMtls() {
        StepResult alert = StepResult.ofBytes(H2, ALERT);

        assertThat(alert.decisive()).isFalse();
        assertThat(Precedence.decide(results(alert, StepResult.ofBytes(HTTP1, ALERT), StepResult.ofBytes(RESP, ALERT)))).isNull();
    }

    @Test
    void noDecisiveResultMeansNoAnswerYet() {
        StepResult[] all = results(StepResult.noReply(BANNER, Reply.End.QUIET), StepResult.noReply(TLS, Reply.End.QUIET),
                StepResult.ofBytes(H2, ascii("garbage\r\n")), StepResult.noReply(HTTP1, Reply.End.CLOSED),
                StepResult.noReply(RESP, Reply.End.RESET));

        assertThat(Precedence.decide(all)).isNull();
    }

    @Test
    void aStepThatCannotOutrankTheAnswerIsNotWaitedFor() {
        StepResult h2 = StepResult.ofBytes(H2, SETTINGS);

        assertThat(Precedence.canOutrank(HTTP1, h2)).isFalse();
        assertThat(Precedence.canOutrank(RESP, h2)).isFalse();
        assertThat(Precedence.canOutrank(TLS, h2)).isTrue();
        assertThat(Precedence.canOutrank(BANNER, h2)).isTrue();
    }

    @Test
    void aStepCanonicalForTheAnswersProtocolIsAwaitedSoTheAnswerNamesItEveryTime() {
        // nginx h2c with prior knowledge: the GET and the PING get a SETTINGS frame too, often before the preface does
        StepResult byGet = StepResult.ofBytes(HTTP1, SETTINGS);
        StepResult byPing = StepResult.ofBytes(RESP, SETTINGS);
        StepResult byPreface = StepResult.ofBytes(H2, SETTINGS);

        assertThat(Precedence.canOutrank(H2, byGet)).isTrue();
        assertThat(Precedence.decide(results(byGet, byPing, StepResult.noReply(BANNER, Reply.End.QUIET)))).isNull();
        for (StepResult[] order : new StepResult[][] {{byGet, byPing, byPreface}, {byPreface, byGet, byPing},
                {byPing, byPreface, byGet}}) {
            assertThat(Precedence.decide(results(order))).isSameAs(byPreface);
        }
        // the preface step closed without a reply: the GET's answer stands, once nothing can change it
        assertThat(Precedence.decide(results(byGet, StepResult.noReply(H2, Reply.End.CLOSED)))).isSameAs(byGet);
    }

    @Test
    void anAnswerAlreadyCanonicalWaitsForNoStepOfEqualRank() {
        StepResult http = StepResult.ofBytes(HTTP1, ascii("HTTP/1.1 200 OK\r\n"));
        StepResult httpToPreface = StepResult.ofBytes(H2, ascii("HTTP/1.1 400 Bad Request\r\n"));

        assertThat(Precedence.canOutrank(HTTP1, httpToPreface)).isTrue();
        assertThat(Precedence.canOutrank(RESP, http)).isFalse();
        assertThat(Precedence.decide(results(httpToPreface, StepResult.noReply(TLS, Reply.End.CLOSED)))).isNull();
        assertThat(Precedence.decide(results(httpToPreface, http, StepResult.noReply(TLS, Reply.End.CLOSED)))).isSameAs(http);
    }

    private static Set<IdentifyStep> rulesOut(StepResult r) {
        Evidence e = Precedence.evidence(r);
        Set<IdentifyStep> out = new LinkedHashSet<>();
        for (IdentifyStep s : IdentifyStep.all()) {
            if (e.rulesOut(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The given results in their steps' slots; the other steps still running. */
    private static StepResult[] results(StepResult... ended) {
        StepResult[] all = new StepResult[IdentifyStep.all().size()];
        for (StepResult r : ended) {
            all[r.step().position()] = r;
        }
        return all;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
