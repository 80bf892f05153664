package dev.portprobe.reftable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.profile.Protocol;
import dev.portprobe.profile.Reach;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProtocolRulesTest {
    record Row(String name, int port, String usage, Protocol protocol, String path, String grpcService, String rule) {
        @Override
        public String toString() {
            return name + " " + port + " '" + usage + "' -> " + protocol + " by " + rule;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("gloo", 9977, "xDS Server", Protocol.GRPC, "/", "", "xds"),
                new Row("gloo", 9966, "Metrics gRPC", Protocol.GRPC, "/", "", "grpc"),
                new Row("gateway", 8443, "Validation", Protocol.HTTPS, "/", "", "webhook"),
                new Row("gloo", 9988, "Validation", Protocol.GRPC, "/", "", "validation-grpc"),
                new Row("gloo", 9979, "WASM cache", Protocol.HTTP, "/", "", "wasm"),
                new Row("gateway-proxy", 8080, "HTTP", Protocol.HTTP, "/", "", "http"),
                new Row("gateway-proxy", 8443, "HTTPS", Protocol.HTTPS, "/", "", "https"),
                new Row("gateway-proxy", 19000, "Envoy admin", Protocol.HTTP, "/ready", "", "envoy-admin"),
                new Row("access-log", 8083, "Access logging", Protocol.GRPC, "/", "", "access-log"),
                new Row("extauth", 8083, "External authentication", Protocol.GRPC, "/", "ext-auth", "ext-auth"),
                new Row("rate-limit", 18081, "Rate-limiting", Protocol.GRPC, "/", "ratelimit", "rate-limit"),
                new Row("redis", 6379, "Rate-limiting", Protocol.REDIS, "/", "", "redis"),
                new Row("grafana", 3000, "Grafana UI", Protocol.HTTP, "/api/health", "", "grafana"),
                new Row("grafana", 80, "Grafana (unused)", Protocol.HTTP, "/api/health", "", "grafana"),
                new Row("prometheus-kube-state-metrics", 8080, "Kubernetes metric collection", Protocol.HTTP, "/healthz",
                        "", "kube-state-metrics"),
                new Row("prometheus-server", 9090, "Prometheus server", Protocol.HTTP, "/-/ready", "", "prometheus"),
                new Row("gloo-fed-console", 8090, "UI server", Protocol.HTTP, "/", "", "ui"),
                new Row("gloo-fed-console", 8081, "healthcheck", Protocol.HTTP, "/", "", "healthcheck"),
                new Row("gloo-fed-console", 10101, "API Server", Protocol.TCP, "/", "", "unknown"),
                new Row("app", 9100, "Node metrics", Protocol.HTTP, "/", "", "metrics"),
                new Row("app", 443, "", Protocol.HTTPS, "/", "", "port-tls"),
                new Row("app", 8080, "", Protocol.HTTP, "/", "", "port-http"),
                new Row("app", 5432, "Database", Protocol.TCP, "/", "", "unknown"),
                new Row("rke2-server", 6443, "Kubernetes API", Protocol.HTTPS, "/", "", "kube-apiserver"),
                new Row("node", 10250, "kubelet metrics", Protocol.HTTPS, "/", "", "kubelet"),
                new Row("envoy", 15090, "Envoy Prometheus telemetry", Protocol.TCP, "/", "", "unknown"),
                new Row("envoy", 15020, "Merged Prometheus telemetry and health", Protocol.HTTP, "/", "", "healthcheck"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void infersTheProtocolOfEachKindOfRow(Row row) {
        ProtocolRules.Inference inf = ProtocolRules.infer(row.name(), row.port(), row.usage());
        assertThat(inf.protocol()).isEqualTo(row.protocol());
        assertThat(inf.rule()).isEqualTo(row.rule());
        assertThat(new dev.portprobe.profile.HttpOptions(inf.httpPath(), null).path()).isEqualTo(row.path());
        assertThat(new dev.portprobe.profile.GrpcOptions(inf.grpcService()).service()).isEqualTo(row.grpcService());
    }

    @Test
    void onlyEnvoyAdminIsPodLocal() {
        assertThat(ProtocolRules.infer("gateway-proxy", 19000, "Envoy admin").reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(ProtocolRules.infer("app", 9000, "Admin UI").reach()).isEqualTo(Reach.NETWORK);
    }

    @Test
    void everyRuleHasADistinctId() {
        assertThat(ProtocolRules.ruleIds()).doesNotHaveDuplicates().hasSizeGreaterThan(15);
    }
}
