package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Observed;
import dev.portprobe.outcome.ProbeOutcome;
import dev.portprobe.outcome.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** Which probe outcomes a port-forward's error explains, and what it makes of them. */
class ForwardErrorTest {
    private static final ForwardError REFUSED = ForwardError.of(new KubernetesClientException(
            "Received an error from the remote socket error forwarding port 8083 to pod extauth-x-uid, uid : failed "
                    + "to connect to localhost:8083 inside namespace \"extauth-x\", IPv4: dial tcp4 127.0.0.1:8083: "
                    + "connect: connection refused "), true);

    @Test
    void readsTheKubeletsRefusalFromTheErrorChannelText() {
        assertThat(REFUSED.kind()).isEqualTo(ForwardError.Kind.REFUSED);
        assertThat(REFUSED.text()).isEqualTo("kubelet: dial tcp4 127.0.0.1:8083: connect: connection refused");
    }

    @Test
    void explainsAnOutcomeTheIdentifierCalledUnknownWhenThePodNeverSentAByte() {
        // Through a forward, a refused gRPC port looks like a socket that closes without a reply.
        ProbeOutcome closed = ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.UNKNOWN, "closed without a reply");
        assertThat(REFUSED.explains(closed, false)).isTrue();
        ProbeOutcome refused = REFUSED.apply(closed, "gloo-system", "extauth-x", 8083);
        assertThat(refused.status()).isEqualTo(Status.REFUSED);
        assertThat(refused.observed()).isNull();
    }

    @Test
    void explainsATcpCheckThatOnlySawTheLocalSocketOpen() {
        assertThat(REFUSED.explains(ProbeOutcome.ok(Observed.TCP, "connected"), false)).isTrue();
    }

    @Test
    void neverOverridesWhatThePodItselfAnswered() {
        ProbeOutcome wrong = ProbeOutcome.of(Status.WRONG_PROTOCOL, Observed.HTTP, "HTTP/1.1 answered");
        assertThat(REFUSED.explains(wrong, true)).isFalse();
    }
}
