package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code profiles diff A B}: like diff(1), exit 0 when the profiles are the same, 1 when they differ, 2 on bad input. */
class ProfilesDiffCliTest {

    @Test
    void aBuiltinAndItsVariantDifferLineByLineAndExitOne() {
        CliRun run = CliRun.of("profiles", "diff", "gloo-mesh-oss", "gloo-mesh-oss-mtls");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("--- gloo-mesh-oss\n+++ gloo-mesh-oss-mtls\n");
        assertThat(run.out().lines().skip(2)).isNotEmpty().allMatch(l -> l.matches("[-+~] .+"));
        assertThat(run.out()).contains("~ workload gloo port 9977: protocol grpc -> grpc-mtls");
    }

    @Test
    void aProfileWrittenBackToAFileIsTheSameAsTheBuiltinAndExitsZero(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("istio.yaml");
        CliRun show = CliRun.of("profiles", "show", "istio");
        Files.writeString(copy, show.out());
        CliRun run = CliRun.of("profiles", "diff", "istio", copy.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("istio and " + copy + " list the same ports\n");
    }

    @Test
    void anEditedFileShowsEachChangeWithItsSign(@TempDir Path dir) throws Exception {
        Path edited = dir.resolve("edited.yaml");
        Files.writeString(edited, """
                apiVersion: portprobe/v1
                name: edited
                namespace: istio-system
                services:
                  - name: istiod
                    ports:
                      - {port: 15010, protocol: grpc}
                      - {port: 15099, protocol: http}
                """);
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, """
                apiVersion: portprobe/v1
                name: base
                namespace: istio-system
                services:
                  - name: istiod
                    ports:
                      - {port: 15010, protocol: tcp}
                      - {port: 15014, protocol: http}
                """);
        CliRun run = CliRun.of("profiles", "diff", base.toString(), edited.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("--- " + base + "\n+++ " + edited + "\n"
                + "~ Service istiod port 15010: protocol tcp -> grpc\n"
                + "+ Service istiod port 15099: http\n"
                + "- Service istiod port 15014\n");
    }

    @Test
    void anUnknownProfileIsAnInputErrorExitTwo() {
        CliRun run = CliRun.of("profiles", "diff", "istio", "no-such-profile");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("portprobe: unknown profile 'no-such-profile'");
    }
}
