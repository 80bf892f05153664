package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The port names and appProtocol values the protocol folders list, as the manifest importer reads them. */
class PortNamesTest {

    @ParameterizedTest(name = "port name {0} -> {1}")
    @CsvSource({
        "grpc, grpc", "grpc-xds, grpc", "GRPC-XDS, grpc", "grpc-web, http", "grpc-web-ui, http", "http, http",
        "http-monitoring, http", "http2, http", "http2-gw, http", "https, https", "https-webhook, https",
        "tls-xds, tls", "tcp, tcp", "tcp-redis, tcp", "mongo, tcp", "mysql-main, tcp", "redis, redis",
        "dns, dns", "dns-tcp, dns", "domain, dns",
        "httpd, ''", "grpcx, ''", "admin-http, ''", "metrics, ''", "status-port, ''"})
    void aPortNameMeansTheProtocolOfItsLongestKnownPrefix(String name, String protocol) {
        assertThat(ProtocolSupports.forPortName(name).map(Protocol::id)).isEqualTo(optional(protocol));
    }

    @ParameterizedTest(name = "appProtocol {0} -> {1}")
    @CsvSource({
        "http, http", "HTTPS, https", "grpc, grpc", "tls, tls", "redis, redis", "kubernetes.io/ws, http",
        "kubernetes.io/wss, https", "tcp, tcp", "kubernetes.io/h2c, ''", "grpc-xds, ''", "mongo, tcp"})
    void anAppProtocolMeansItsWholeValue(String value, String protocol) {
        assertThat(ProtocolSupports.forAppProtocol(value).map(Protocol::id)).isEqualTo(optional(protocol));
    }

    private static Optional<String> optional(String protocol) {
        return protocol == null || protocol.isEmpty() ? Optional.empty() : Optional.of(protocol);
    }
}
