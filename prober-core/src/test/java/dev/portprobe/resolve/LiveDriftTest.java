package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.probe.ProtocolSupports;
import dev.portprobe.profile.Protocol;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** appProtocol drift, from the carriers each protocol folder lists. */
class LiveDriftTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(Protocol.GRPC, "grpc", true),
                Arguments.of(Protocol.GRPC, "kubernetes.io/h2c", true),
                Arguments.of(Protocol.GRPC_TLS, "tls", true),
                Arguments.of(Protocol.GRPC_MTLS, "redis", false),
                Arguments.of(Protocol.HTTP, "http2", true),
                Arguments.of(Protocol.HTTP, "https", false),
                Arguments.of(Protocol.HTTPS, "kubernetes.io/wss", true),
                Arguments.of(Protocol.HTTPS, "http", false),
                Arguments.of(Protocol.TLS, "https", true),
                Arguments.of(Protocol.MTLS, "grpc", false),
                Arguments.of(Protocol.REDIS, "redis", true),
                Arguments.of(Protocol.REDIS, "http", false),
                Arguments.of(Protocol.DNS, "http", false),
                Arguments.of(Protocol.DNS_UDP, "tcp", true),
                Arguments.of(Protocol.TCP, "redis", true),
                Arguments.of(Protocol.HTTP, "tcp", true),
                Arguments.of(Protocol.HTTP, "example.com/custom", true));
    }

    @ParameterizedTest(name = "expected {0}, appProtocol {1}: compatible {2}")
    @MethodSource("rows")
    void aKnownAppProtocolThatCannotCarryTheExpectedProtocolDrifts(Protocol expected, String app, boolean compatible) {
        assertThat(LiveDrift.compatible(expected, app)).isEqualTo(compatible);
    }

    @Test
    void theKnownValuesAreTheFoldersCarriersAndTcp() {
        assertThat(ProtocolSupports.knownAppProtocols()).containsExactlyInAnyOrder("http", "https", "grpc", "tcp", "tls",
                "redis", "http2", "kubernetes.io/h2c", "kubernetes.io/ws", "kubernetes.io/wss");
    }
}
