package dev.portprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileExtendsTest {
    @TempDir
    Path dir;

    static final String BASE = """
            apiVersion: portprobe/v1
            name: base
            title: Base
            namespace: base-ns
            workloads:
              - name: api
                selector: {app: api}
                ports:
                  - {port: 8080, protocol: http, usage: API}
                  - {port: 9090, protocol: grpc, grpc: {service: api}, usage: gRPC API}
              - name: cache
                ports:
                  - {port: 6379, protocol: redis}
            services:
              - name: api
                workload: api
                ports:
                  - {port: 80, targetPort: 8080, protocol: http, http: {path: /healthz}}
                  - {port: 9090, protocol: grpc}
            """;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aChildInheritsEverythingItDoesNotMention() throws Exception {
        write("base.yaml", BASE);
        Profile p = ProfileLoader.load(write("child.yaml", "apiVersion: portprobe/v1\nname: child\nextends: base.yaml\n"));
        assertThat(p.name()).isEqualTo("child");
        assertThat(p.title()).isEqualTo("Base");
        assertThat(p.namespace()).isEqualTo("base-ns");
        assertThat(p.extendsName()).isEqualTo("base.yaml");
        assertThat(p.workloads()).extracting(WorkloadSpec::name).containsExactly("api", "cache");
        assertThat(p.services()).extracting(ServiceSpec::name).containsExactly("api");
    }

    @Test
    void aChildPortReplacesTheParentPortWithTheSameNumberEntirely() throws Exception {
        write("base.yaml", BASE);
        Profile p = ProfileLoader.load(write("child.yaml", """
                apiVersion: portprobe/v1
                name: child
                extends: base.yaml
                namespace: other
                workloads:
                  - name: api
                    ports:
                      - {port: 9090, protocol: grpc-mtls}
                      - {port: 9999, protocol: grpc, reach: pod-local}
                  - name: worker
                    ports:
                      - {port: 7000, protocol: tcp}
                """));
        assertThat(p.namespace()).isEqualTo("other");
        WorkloadSpec api = p.workloads().get(0);
        assertThat(api.selector()).as("selector inherited").containsEntry("app", "api");
        assertThat(api.ports()).extracting(PortSpec::port).containsExactly(8080, 9090, 9999);
        PortSpec replaced = api.ports().get(1);
        assertThat(replaced.protocol()).isEqualTo(Protocol.GRPC_MTLS);
        assertThat(replaced.grpc().service()).as("nothing of the parent's port survives").isEmpty();
        assertThat(replaced.usage()).isEmpty();
        assertThat(replaced.line()).as("line in the child file").isEqualTo(8);
        assertThat(api.ports().get(0).line()).as("line in the parent file").isEqualTo(9);
        assertThat(p.workloads()).extracting(WorkloadSpec::name).containsExactly("api", "cache", "worker");
    }

    @Test
    void aChildServiceMergesWorkloadOptionalAndPorts() throws Exception {
        write("base.yaml", BASE);
        Profile p = ProfileLoader.load(write("child.yaml", """
                apiVersion: portprobe/v1
                name: child
                extends: base.yaml
                services:
                  - name: api
                    optional: true
                    ports:
                      - {port: 80, targetPort: 8080, protocol: https}
                  - name: cache
                    workload: cache
                    ports:
                      - {port: 6379, protocol: redis}
                """));
        ServiceSpec api = p.services().get(0);
        assertThat(api.workload()).isEqualTo("api");
        assertThat(api.optional()).isTrue();
        assertThat(api.ports()).extracting(PortSpec::port, PortSpec::protocol)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(80, Protocol.HTTPS),
                        org.assertj.core.groups.Tuple.tuple(9090, Protocol.GRPC));
        assertThat(api.ports().get(0).http()).isEqualTo(HttpOptions.DEFAULT);
        assertThat(p.services().get(1).name()).isEqualTo("cache");
    }

    @Test
    void aChildServiceMayNameAWorkloadOfTheParent() throws Exception {
        Profile p = ProfileLoader.load("child.yaml", """
                apiVersion: portprobe/v1
                name: child
                extends: gloo-mesh-oss
                services:
                  - name: gloo-extra
                    workload: gloo
                    ports:
                      - {port: 9976, protocol: http}
                """);
        assertThat(SeedRows.service(p, "gloo-extra").workload()).isEqualTo("gloo");
        assertThat(p.workloads()).extracting(WorkloadSpec::name).contains("gloo", "gateway-proxy");
    }

    @Test
    void aChildServiceNamingAnUnknownWorkloadIsReportedInTheChild() throws Exception {
        write("base.yaml", BASE);
        Path child = write("child.yaml", """
                apiVersion: portprobe/v1
                name: child
                extends: base.yaml
                services:
                  - name: api
                    workload: nope
                """);
        assertThatThrownBy(() -> ProfileLoader.load(child)).isInstanceOf(InputException.class)
                .hasMessage(child + ":6: Service api names workload nope, which no workload defines; workloads: api, cache");
    }

    @Test
    void anErrorInTheParentNamesTheParentFile() throws Exception {
        Path base = write("base.yaml", BASE.replace("protocol: redis", "protocol: resp"));
        Path child = write("child.yaml", "apiVersion: portprobe/v1\nname: child\nextends: base.yaml\n");
        assertThatThrownBy(() -> ProfileLoader.load(child)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(base + ":13: unknown protocol 'resp'");
    }

    @Test
    void anExtendsCycleIsReportedWhereItCloses() throws Exception {
        write("a.yaml", "apiVersion: portprobe/v1\nname: a\nextends: b.yaml\n");
        Path b = write("b.yaml", "apiVersion: portprobe/v1\nname: b\n\nextends: a.yaml\n");
        assertThatThrownBy(() -> ProfileLoader.load(dir.resolve("a.yaml"))).isInstanceOf(InputException.class)
                .satisfies(e -> {
                    InputException ie = (InputException) e;
                    assertThat(ie.file()).isEqualTo(b.toString());
                    assertThat(ie.line()).isEqualTo(4);
                    assertThat(ie.reason()).startsWith("extends cycle: ").contains("a.yaml -> ").endsWith("a.yaml");
                });
    }

    @Test
    void aProfileExtendingItselfIsACycle() throws Exception {
        Path self = write("self.yaml", "apiVersion: portprobe/v1\nname: self\nextends: self.yaml\n");
        assertThatThrownBy(() -> ProfileLoader.load(self)).isInstanceOf(InputException.class)
                .hasMessageContaining(":3: extends cycle: ");
    }

    @Test
    void anExtendsOfAMissingFileNamesTheExtendsLine() throws Exception {
        Path child = write("child.yaml", "apiVersion: portprobe/v1\nname: child\nextends: missing.yaml\n");
        assertThatThrownBy(() -> ProfileLoader.load(child)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(child + ":3: extends: unknown profile 'missing.yaml'");
    }

    @Test
    void textProfilesExtendOnlyBuiltins() {
        assertThatThrownBy(() -> ProfileLoader.load("t.yaml", "apiVersion: portprobe/v1\nname: t\nextends: base.yaml\n"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("t.yaml:3: extends: unknown profile");
    }

    @Test
    void baseLoadsWhatAProfileExtends() throws Exception {
        write("base.yaml", BASE);
        Profile child = ProfileLoader.load(write("child.yaml", "apiVersion: portprobe/v1\nname: child\nextends: base.yaml\n"));
        assertThat(ProfileLoader.base(child)).hasValueSatisfying(b -> assertThat(b.name()).isEqualTo("base"));
        assertThat(ProfileLoader.base(ProfileLoader.builtin("gloo-mesh-oss-mtls")))
                .hasValueSatisfying(b -> assertThat(b.name()).isEqualTo("gloo-mesh-oss"));
        assertThat(ProfileLoader.base(ProfileLoader.builtin("gloo-mesh-oss"))).isEmpty();
    }
}
