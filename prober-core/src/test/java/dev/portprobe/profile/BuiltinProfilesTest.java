package dev.portprobe.profile;

import static dev.portprobe.profile.SeedRows.pod;
import static dev.portprobe.profile.SeedRows.service;
import static dev.portprobe.profile.SeedRows.servicePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinProfilesTest {
    static final List<String> NAMES =
            List.of("gloo-mesh-oss", "gloo-mesh-enterprise", "gloo-mesh-oss-mtls", "gloo-mesh-enterprise-mtls");
    static final List<String> BEYOND_THE_SEED =
            List.of("istio", "gloo-platform", "linkerd", "kubernetes-core", "kubernetes-api");

    static Stream<String> names() {
        return NAMES.stream();
    }

    @Test
    void listsTheFourGlooProfilesThenTheOthers() {
        List<String> all = new ArrayList<>(NAMES);
        all.addAll(BEYOND_THE_SEED);
        assertThat(ProfileLoader.builtinNames()).containsExactlyElementsOf(all);
    }

    @Test
    void theIndexListsExactlyTheYamlFilesOfTheProfilesFolder() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("..", "profiles"))) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .forEach(f -> files.add(f.substring(0, f.length() - 5)));
        }
        assertThat(ProfileLoader.builtinNames()).containsExactlyInAnyOrderElementsOf(files);
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyBuiltinLoadsInGlooSystem(String name) throws InputException {
        Profile p = ProfileLoader.builtin(name);
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.namespace()).isEqualTo("gloo-system");
        assertThat(p.source()).isEqualTo("builtin:" + name);
        assertThat(p.title()).isNotBlank();
    }

    @Test
    void openSourceHoldsEveryRowOfTheOpenSourceTables() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-mesh-oss");
        assertHoldsRows(p, SeedRows.OSS_PODS, SeedRows.OSS_SERVICES);
        assertThat(p.workloads()).hasSize(3);
        assertThat(p.services()).hasSize(4);
    }

    @Test
    void enterpriseHoldsEveryRowOfBothSections() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-mesh-enterprise");
        assertHoldsRows(p, SeedRows.OSS_PODS, SeedRows.OSS_SERVICES);
        assertHoldsRows(p, SeedRows.ENTERPRISE_PODS, SeedRows.ENTERPRISE_SERVICES);
        assertThat(p.extendsName()).isEqualTo("gloo-mesh-oss");
        int pods = SeedRows.OSS_PODS.size() + SeedRows.ENTERPRISE_PODS.size();
        assertThat(p.workloads().stream().mapToInt(w -> w.ports().size()).sum()).isEqualTo(pods);
        int rows = SeedRows.OSS_SERVICES.size() + SeedRows.ENTERPRISE_SERVICES.size();
        assertThat(p.services().stream().mapToInt(s -> s.ports().size()).sum()).isEqualTo(rows);
    }

    private static void assertHoldsRows(Profile p, List<SeedRows.PodRow> pods, List<SeedRows.ServiceRow> services) {
        for (SeedRows.PodRow row : pods) {
            assertThat(pod(p, row.pod(), row.port()).usage()).as(row.toString()).isEqualTo(row.usage());
        }
        for (SeedRows.ServiceRow row : services) {
            PortSpec port = servicePort(p, row.service(), row.port());
            assertThat(port.effectiveTargetPort()).as(row.toString()).isEqualTo(row.targetPort());
            assertThat(port.usage()).as(row.toString()).isEqualTo(row.usage());
            assertThat(service(p, row.service()).workload()).as(row.toString()).isEqualTo(row.target());
        }
    }

    @Test
    void glooPortsSpeakTheProtocolsOfDesign() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-mesh-enterprise");
        assertThat(List.of(pod(p, "gloo", 9977), pod(p, "gloo", 9988), pod(p, "gloo", 9966)))
                .allSatisfy(s -> {
                    assertThat(s.protocol()).isEqualTo(Protocol.GRPC);
                    assertThat(s.grpc().service()).isEmpty();
                });
        assertThat(pod(p, "gloo", 9979).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(pod(p, "gateway", 8443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(pod(p, "gateway", 8443).http().expectStatus()).as("a bare GET gets 400").isNull();
        assertThat(servicePort(p, "gateway", 443).protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(pod(p, "gateway-proxy", 8080).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(pod(p, "gateway-proxy", 8443).protocol()).isEqualTo(Protocol.TLS);
        PortSpec admin = pod(p, "gateway-proxy", 19000);
        assertThat(admin.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(admin.http().path()).isEqualTo("/ready");
        assertThat(admin.reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(servicePort(p, "access-log", 8083).protocol()).isEqualTo(Protocol.GRPC);
        assertThat(servicePort(p, "extauth", 8083).grpc().service()).isEqualTo("ext-auth");
        assertThat(pod(p, "extauth", 8083).grpc().service()).isEqualTo("ext-auth");
        assertThat(servicePort(p, "rate-limit", 18081).grpc().service()).isEqualTo("ratelimit");
        assertThat(servicePort(p, "redis", 6379).protocol()).isEqualTo(Protocol.REDIS);
        assertThat(servicePort(p, "glooe-grafana", 80).http().path()).isEqualTo("/api/health");
        assertThat(pod(p, "grafana", 3000).http().path()).isEqualTo("/api/health");
        assertThat(servicePort(p, "glooe-prometheus-server", 80).http().path()).isEqualTo("/-/ready");
        assertThat(servicePort(p, "glooe-prometheus-kube-state-metrics", 80).http().path()).isEqualTo("/healthz");
        assertThat(pod(p, "gloo-fed-console", 8090).protocol()).isEqualTo(Protocol.HTTP);
        assertThat(pod(p, "gloo-fed-console", 10101).protocol()).isEqualTo(Protocol.TCP);
        assertThat(pod(p, "gloo-fed-console", 8081).protocol()).isEqualTo(Protocol.TCP);
    }

    @Test
    void optionalComponentsAndTheUnusedGrafanaPortAreOptional() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-mesh-enterprise");
        assertThat(p.services().stream().filter(ServiceSpec::optional).map(ServiceSpec::name)).containsExactlyInAnyOrder(
                "access-log", "glooe-grafana", "glooe-prometheus-kube-state-metrics", "glooe-prometheus-server");
        assertThat(pod(p, "grafana", 80).optional()).isTrue();
        assertThat(pod(p, "grafana", 3000).optional()).isFalse();
        assertThat(service(p, "access-log").workload()).isNull();
    }

    @Test
    void theMtlsVariantsWrapTheXdsPortAndKeepTheRest() throws InputException {
        Profile oss = ProfileLoader.builtin("gloo-mesh-oss");
        Profile mtls = ProfileLoader.builtin("gloo-mesh-oss-mtls");
        assertThat(mtls.extendsName()).isEqualTo("gloo-mesh-oss");
        assertThat(servicePort(mtls, "gloo", 9977).protocol()).isEqualTo(Protocol.GRPC_MTLS);
        assertThat(pod(mtls, "gloo", 9977).protocol()).isEqualTo(Protocol.GRPC_MTLS);
        PortSpec inner = pod(mtls, "gloo", 9999);
        assertThat(inner.protocol()).isEqualTo(Protocol.GRPC);
        assertThat(inner.reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(inner.optional()).isTrue();
        assertThat(pod(mtls, "gloo", 9976).protocol()).isEqualTo(Protocol.MTLS);
        assertThat(servicePort(mtls, "gloo", 9988).protocol()).as("validation is not behind the sidecar")
                .isEqualTo(Protocol.GRPC);
        assertThat(ProfileDiff.between(oss, mtls)).allSatisfy(line -> assertThat(line).contains("gloo"));
    }

    @Test
    void theEnterpriseMtlsVariantWrapsExtauthAndRateLimit() throws InputException {
        Profile mtls = ProfileLoader.builtin("gloo-mesh-enterprise-mtls");
        assertThat(servicePort(mtls, "extauth", 8083).protocol()).isEqualTo(Protocol.GRPC_MTLS);
        assertThat(servicePort(mtls, "extauth", 8083).grpc().service()).isEqualTo("ext-auth");
        assertThat(pod(mtls, "extauth", 8084).reach()).isEqualTo(Reach.POD_LOCAL);
        assertThat(servicePort(mtls, "rate-limit", 18081).protocol()).isEqualTo(Protocol.GRPC_MTLS);
        assertThat(servicePort(mtls, "redis", 6379).protocol()).isEqualTo(Protocol.REDIS);
        assertHoldsRows(mtls, SeedRows.ENTERPRISE_PODS.stream().filter(r -> !r.pod().equals("extauth")
                && !r.pod().equals("rate-limit")).toList(), List.of());
    }

    @Test
    void theEnterpriseMtlsVariantRepeatsEveryOverrideOfTheOpenSourceOne() throws InputException {
        List<String> oss = ProfileDiff.between(ProfileLoader.builtin("gloo-mesh-oss"),
                ProfileLoader.builtin("gloo-mesh-oss-mtls"));
        List<String> enterprise = ProfileDiff.between(ProfileLoader.builtin("gloo-mesh-enterprise"),
                ProfileLoader.builtin("gloo-mesh-enterprise-mtls"));
        assertThat(oss).isNotEmpty();
        assertThat(enterprise).containsAll(oss);
    }

    @Test
    void builtinTextKeepsTheComments() throws InputException {
        assertThat(ProfileLoader.builtinText("gloo-mesh-oss")).contains("# ").contains("apiVersion: portprobe/v1");
    }

    @Test
    void resolveFindsBuiltinsByNameAndFilesByPath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(ProfileLoader.resolve("gloo-mesh-oss").name()).isEqualTo("gloo-mesh-oss");
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "apiVersion: portprobe/v1\nname: mine\nextends: gloo-mesh-oss\n");
        assertThat(ProfileLoader.resolve(file.toString()).name()).isEqualTo("mine");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProfileLoader.resolve("gloo-mesh-nope"))
                .isInstanceOf(InputException.class)
                .hasMessage("unknown profile 'gloo-mesh-nope'; built-in profiles: gloo-mesh-oss, gloo-mesh-enterprise,"
                        + " gloo-mesh-oss-mtls, gloo-mesh-enterprise-mtls, istio, gloo-platform, linkerd,"
                        + " kubernetes-core, kubernetes-api; or give a file path");
    }
}
