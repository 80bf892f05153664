package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle that {@code mvn -Pdist package} builds (tag dist: runs in that profile's integration-test phase), unpacked
 * somewhere else than where it was built, started through a symlink with no JAVA_HOME and a {@code java} on PATH that
 * only fails: every command must run on the bundled runtime, with its class-data sharing archive ({@code -Xshare:on}
 * makes an unusable archive an error), TLS with EC keys included (jdk.crypto.ec is not found by jdeps).
 */
@Tag("dist")
class BundleTest {
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    static Path launcher;
    static Map<String, String> env;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("portprobe.bundle", "(run with mvn -Pdist verify)"));
        assertThat(tarball).as("the bundle built by -Pdist").exists();
        assertThat(tarball.getFileName().toString()).matches("portprobe-.+-linux-x86_64\\.tar\\.gz");
        Path unpacked = Files.createDirectories(dir.resolve("opt with space"));
        ProcessRun tar = ProcessRun.of(List.of("tar", "-C", unpacked.toString(), "-xzf", tarball.toString()),
                null, DEADLINE);
        assertThat(tar.exitCode()).as(tar.describe()).isZero();
        Path root;
        try (var top = Files.list(unpacked)) {
            root = top.findFirst().orElseThrow();
        }
        assertThat(root.resolve("lib/portprobe.jar")).exists();
        assertThat(root.resolve("lib/portprobe.jsa")).exists();
        assertThat(root.resolve("runtime/bin/java")).isExecutable();

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeJava = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho 'not the bundled java' >&2\nexit 99\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        launcher = Files.createSymbolicLink(bin.resolve("portprobe"), root.resolve("bin/portprobe"));
        env = new HashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("JAVA_HOME", "/nonexistent");
        env.put("PORTPROBE_JAVA_OPTS", "-Xshare:on");
    }

    /** {@code portprobe ARGS} as a user runs it: found on PATH (through the symlink), from another directory. */
    static ProcessRun portprobe(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "cd / && exec portprobe \"$@\"", "sh"));
        command.addAll(List.of(args));
        return ProcessRun.of(command, env, DEADLINE);
    }

    @Test
    void versionRunsOnTheBundledRuntimeWithItsArchive() throws Exception {
        ProcessRun run = portprobe("version");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).startsWith("portprobe ").contains("(Java 17");
        assertThat(run.err()).doesNotContain("not the bundled java");
    }

    @Test
    void asksForTransparentHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
        Map<String, String> flags = new HashMap<>(env);
        flags.put("PORTPROBE_JAVA_OPTS", "-Xshare:on -XX:+PrintFlagsFinal");
        ProcessRun run = ProcessRun.of(List.of("sh", "-c", "cd / && exec portprobe version"), flags, DEADLINE);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).containsPattern("bool UseTransparentHugePages += " + madvise + " ")
                .containsPattern("bool UseSerialGC += true ").containsPattern("intx TieredStopAtLevel += 1 ")
                .containsPattern("intx CICompilerCount += 1 ");
    }

    @Test
    void theDemoProbesEveryPortOk() throws Exception {
        ProcessRun run = portprobe("demo");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("19 checks: 19 OK, 0 failed, 0 skipped");
    }

    @Test
    void checksAnHttpsPortWithAnEcCertificateAgainstItsCa() throws Exception {
        // a generous deadline: two full suites on two cores can slow a cold JVM's first handshake past the default 3 s
        try (MockWebServer server = HttpServers.https(() -> HttpServers.status(200))) {
            ProcessRun run = portprobe("check", "127.0.0.1:" + server.getPort(), "--expect", "https",
                    "--ca", TestCertificates.get().file("ca.pem").toString(), "--timeout", "30s", "-o", "json");
            assertThat(run.exitCode()).as(run.describe()).isZero();
            var result = new tools.jackson.databind.ObjectMapper().readTree(run.out()).get("results").get(0);
            assertThat(result.get("status").asString()).isEqualTo("OK");
            assertThat(result.get("detail").asString()).contains("over TLSv1.3");
        }
    }

    @Test
    void aClosedPortIsRefusedWithExitCodeOne() throws Exception {
        ProcessRun run = portprobe("check", "127.0.0.1:" + CliContractTest.closedPort(), "--expect", "http");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED");
    }

    @Test
    void badInputIsExitCodeTwoAndOneLine() throws Exception {
        ProcessRun run = portprobe("profiles", "show", "no-such-profile");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void rendersTheJobAndImportsAReferenceTable() throws Exception {
        ProcessRun render = portprobe("job", "render", "-p", "gloo-mesh-enterprise", "-n", "gloo-system");
        assertThat(render.exitCode()).as(render.describe()).isZero();
        assertThat(render.out()).contains("kind: \"Job\"", "readOnlyRootFilesystem: true");
        ProcessRun profiles = portprobe("profiles", "list");
        assertThat(profiles.exitCode()).as(profiles.describe()).isZero();
        assertThat(profiles.out()).contains("gloo-mesh-enterprise-mtls");
    }
}
