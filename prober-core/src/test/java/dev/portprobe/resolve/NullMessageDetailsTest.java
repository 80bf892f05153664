package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import io.fabric8.kubernetes.client.http.WebSocketUpgradeResponse;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * Every path that builds a detail, a hint or a one-line API message from an exception, walked with causes whose
 * message is null (fabric8 reports a dropped websocket as an {@code EOFException} without one): no text may say
 * "null" or be blank.
 */
class NullMessageDetailsTest {
    private static final ProbeOutcome FAILED = ProbeOutcome.of(Status.TIMEOUT, null, "no answer within 1000 ms");
    private static final ProbeOutcome PASSED = ProbeOutcome.ok(Observed.TCP, "connected");

    /** Causes without a message, bare and wrapped as fabric8 wraps them. */
    private static List<Throwable> causes() {
        List<Throwable> bare = List.of(new IOException(), new EOFException(), new ConnectException(),
                new NoRouteToHostException(), new UnknownHostException(), new SocketTimeoutException(),
                new SocketException(), new SSLException((String) null), new RuntimeException(),
                new IllegalStateException(), new KubernetesClientException((String) null),
                new KubernetesClientException(null, 500, null), new KubernetesClientException(null, 503, null),
                new KubernetesClientException(null, 403, null), new KubernetesClientException(null, 401, null),
                new KubernetesClientException(null, 404, null), new KubernetesClientException(null, 429, null),
                new KubernetesClientException(null, 418, null),
                new KubernetesClientException("Received an error from the remote socket "),
                new KubernetesClientException("Received an error from the remote socket connect: connection refused"),
                new KubernetesClientException("Received an error from the remote socket i/o timeout"),
                handshake(500), handshake(403), handshake(401), handshake(404), handshake(502));
        List<Throwable> all = new ArrayList<>(bare);
        for (Throwable t : bare) {
            all.add(new KubernetesClientException(null, t));
            all.add(new RuntimeException(t));
        }
        return all;
    }

    private static Throwable handshake(int code) {
        return new WebSocketHandshakeException(new WebSocketUpgradeResponse(null, code));
    }

    @Test
    void forwardErrorsNeverSayNullInTheirDetailOrHint() {
        List<ForwardError> errors = new ArrayList<>();
        for (Throwable t : causes()) {
            errors.add(ForwardError.of(t, false));
            errors.add(ForwardError.of(t, true));
        }
        errors.add(ForwardError.unanswered(0));
        assertThat(errors).extracting(ForwardError::kind).contains(ForwardError.Kind.values());
        for (ForwardError e : errors) {
            for (ProbeOutcome o : List.of(FAILED, PASSED)) {
                ProbeOutcome out = e.apply(o, "gloo-system", "gateway-5c4d-fghij", 8443);
                assertThat(out.detail()).as(e.toString()).isNotBlank().doesNotContainIgnoringCase("null");
                assertThat(out.hint()).as(e.toString()).isNotBlank().doesNotContainIgnoringCase("null");
            }
        }
    }

    @Test
    void theRunsOneLineAboutALostApiNeverSaysNull() {
        for (Throwable t : causes()) {
            for (boolean opened : new boolean[] {false, true}) {
                ForwardError e = ForwardError.of(t, opened);
                if (!e.kind().api()) {
                    continue;
                }
                ApiFailures failures = new ApiFailures("http://127.0.0.1:6443 (context kind-gloo)", "gloo-system");
                failures.record(e, e.apply(FAILED, "gloo-system", "gloo-x", 9977).detail());
                assertThat(failures.summary()).as(e.toString()).doesNotContainIgnoringCase("null")
                        .doesNotContain("\n").contains("127.0.0.1:6443");
            }
        }
    }

    @Test
    void apiCallFailuresNeverSayNull() {
        ApiCalls calls = new ApiCalls("http://127.0.0.1:6443 (context kind-gloo)", Duration.ofSeconds(1), List.of());
        for (Throwable t : causes()) {
            ApiFailure f = ApiFailure.of(t);
            String message = calls.failed(f, "list", "services", "gloo-system", 2, 1_500_000_000L, t).getMessage();
            assertThat(message).as(t.toString()).isNotBlank().doesNotContainIgnoringCase("null").doesNotContain("\n");
        }
    }

    @Test
    void describesACauseWithoutAMessageByWhatItIs() {
        assertThat(ForwardError.describe(new EOFException())).isEqualTo("the connection ended");
        assertThat(ForwardError.describe(new KubernetesClientException(null, new ConnectException())))
                .isEqualTo("connection refused");
        assertThat(ForwardError.describe(new RuntimeException(new IOException()))).isEqualTo("IOException");
    }

    @Test
    void namesThePhaseOfAnApiFailure() {
        ProbeOutcome upgrade = ForwardError.of(new ConnectException(), false).apply(FAILED, "ns", "p", 80);
        assertThat(upgrade.status()).isEqualTo(Status.ERROR);
        assertThat(upgrade.detail()).startsWith("port-forward upgrade to port 80 of pod p: cannot reach the API server");
        ProbeOutcome stream = ForwardError.of(new EOFException(), true).apply(FAILED, "ns", "p", 80);
        assertThat(stream.detail()).startsWith("port-forward stream to port 80 of pod p: the API server closed the "
                + "port-forward stream");
        assertThat(stream.hint()).contains("kubectl cluster-info");
        ProbeOutcome status = ForwardError.of(handshake(500), false).apply(FAILED, "ns", "p", 80);
        assertThat(status.detail()).contains("upgrade").contains("answered 500 Internal Server Error");
        ProbeOutcome denied = ForwardError.of(handshake(403), false).apply(FAILED, "ns", "p", 80);
        assertThat(denied.hint()).contains("create pods/portforward");
    }
}
