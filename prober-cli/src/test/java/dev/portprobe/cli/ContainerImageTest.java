package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.job.JobSpec;
import dev.portprobe.testing.HttpServers;
import dev.portprobe.testing.system.SystemTests;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The image that {@code mvn -Pdist package} writes to target/jib-image.tar (tag dist), run for real with Debian's
 * podman, rootful, on runc with cgroupfs, with the settings of the Job in src/kubernetes (which is what {@code job
 * render} prints): read-only root, user 65532, every capability dropped, no new privileges, the Job's JVM flags, memory
 * and CPU limits, /tmp as its only writable place; host network, so the container reaches a server of the test on
 * loopback. When podman cannot run at all here the test is skipped with podman's own error, or fails under
 * PORTPROBE_SYSTEM_TESTS=required.
 */
@Tag("dist")
class ContainerImageTest {
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Pattern LOADED = Pattern.compile("Loaded image(?:\\(s\\))?: *(\\S+)");

    static List<String> podman;
    static String image;
    static PodSpec jobPod;

    @BeforeAll
    static void loadTheImage() throws Exception {
        Path binary = SystemTests.require("podman", "podman");
        SystemTests.require("runc", "runc");
        podman = List.of(binary.toString(), "--runtime", "runc", "--cgroup-manager", "cgroupfs");
        ProcessRun info = podman(List.of("info"));
        if (info.exitCode() != 0) {
            String msg = "podman cannot run here: " + info.err().strip();
            if (SystemTests.required()) {
                Assertions.fail(msg + " [PORTPROBE_SYSTEM_TESTS=required]");
            }
            Assumptions.abort(msg);
        }
        Path tar = Path.of(System.getProperty("portprobe.imageTar", "(run with mvn -Pdist verify)"));
        assertThat(tar).as("the image built by -Pdist").exists();
        ProcessRun load = podman(List.of("load", "-i", tar.toString()));
        assertThat(load.exitCode()).as(load.describe()).isZero();
        Matcher m = LOADED.matcher(load.out() + load.err());
        assertThat(m.find()).as(load.describe()).isTrue();
        image = m.group(1);

        Path manifests = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath()
                .getParent().resolve("src/kubernetes/portprobe-job.yaml");
        String checkedIn = Files.readString(manifests, StandardCharsets.UTF_8);
        CliRun render = CliRun.of("job", "render", "-p", "gloo-mesh-enterprise", "-n", "gloo-system");
        assertThat(render.exitCode()).as(render.err()).isZero();
        assertThat(render.out()).as("job render prints src/kubernetes/portprobe-job.yaml").isEqualTo(checkedIn);
        List<?> objects = new KubernetesSerialization().unmarshal(checkedIn);
        Job job = objects.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
        jobPod = job.getSpec().getTemplate().getSpec();
    }

    static ProcessRun podman(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(podman);
        command.addAll(args);
        return ProcessRun.of(command, null, DEADLINE);
    }

    /** {@code podman run} of the image with the Job's settings, host network and limits within the hard ones. */
    static ProcessRun run(String... args) throws Exception {
        return runWith(List.of(), args);
    }

    /** {@link #run} with more podman flags. */
    static ProcessRun runWith(List<String> flags, String... args) throws Exception {
        String name = "portprobe-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--name", name, "--network", "host",
                "--ulimit", "nofile=" + hardLimit("-n", 65536) + ":" + hardLimit("-n", 65536),
                "--ulimit", "nproc=" + hardLimit("-u", 4096) + ":" + hardLimit("-u", 4096)));
        command.addAll(PodmanFlags.of(jobPod));
        command.addAll(flags);
        command.add(image);
        command.addAll(List.of(args));
        try {
            return podman(command);
        } finally {
            podman(List.of("rm", "--force", "--ignore", name)); // a run cut off at its deadline leaves no container
        }
    }

    /** The hard limit of this process (ulimit FLAG), at most {@code cap}. */
    static long hardLimit(String flag, long cap) throws Exception {
        ProcessRun u = ProcessRun.of(List.of("bash", "-c", "ulimit -H " + flag), null, Duration.ofSeconds(10));
        String v = u.out().strip();
        assertThat(v).as(u.describe()).matches("unlimited|[0-9]+");
        return "unlimited".equals(v) ? cap : Math.min(cap, Long.parseLong(v));
    }

    @Test
    void theRunReproducesTheJobsSettings() {
        assertThat(PodmanFlags.of(jobPod)).contains("--read-only", "--user=65532:65532", "--cap-drop=ALL",
                "--security-opt=no-new-privileges", "--memory=268435456", "--cpus=0.5",
                "--tmpfs=/tmp:rw,mode=1777,size=33554432")
                .anyMatch(f -> f.startsWith("--env=JAVA_TOOL_OPTIONS=-Xmx64m "));
    }

    @Test
    void theImageIsTaggedWithTheDefaultImageOfJobRenderAndRun() {
        assertThat(image).matches("(localhost/|docker\\.io/library/)?" + Pattern.quote(JobSpec.DEFAULT_IMAGE));
    }

    @Test
    void theImageRunsAsTheNonRootUserOnTheBundlesLauncher() throws Exception {
        ProcessRun inspect = podman(List.of("image", "inspect", "--format",
                "{{.Config.User}} {{json .Config.Entrypoint}}", image));
        assertThat(inspect.exitCode()).as(inspect.describe()).isZero();
        assertThat(inspect.out().strip()).isEqualTo("65532:65532 [\"/opt/portprobe/bin/portprobe\"]");
    }

    @Test
    void versionStartsOnTheClassDataSharingArchive() throws Exception {
        ProcessRun run = run("version");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).startsWith("portprobe ");
        // with -Xshare:on, which fails unless the archive made at build time is used
        ProcessRun shared = runWith(List.of("--env=PORTPROBE_JAVA_OPTS=-Xshare:on"), "version");
        assertThat(shared.exitCode()).as(shared.describe()).isZero();
    }

    @Test
    void theDemoProbesEveryPortOk() throws Exception {
        ProcessRun run = run("demo");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("19 checks: 19 OK, 0 failed, 0 skipped");
        assertThat(run.err()).contains("Picked up JAVA_TOOL_OPTIONS: -Xmx64m");
    }

    @Test
    void checksAnHttpServerOfTheTestOnLoopback() throws Exception {
        try (MockWebServer server = HttpServers.plain(() -> HttpServers.status(200))) {
            ProcessRun ok = run("check", "127.0.0.1:" + server.getPort(), "--expect", "http", "--timeout", "30s");
            assertThat(ok.exitCode()).as(ok.describe()).isZero();
            assertThat(ok.out()).containsPattern(server.getPort() + " +http +OK +http .*HTTP/1.1 200")
                    .contains("1 check: 1 OK, 0 failed, 0 skipped");
            assertThat(server.getRequestCount()).isPositive();
        }
        ProcessRun refused = run("check", "127.0.0.1:" + CliContractTest.closedPort(), "--expect", "http");
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(1);
        assertThat(refused.out()).contains("REFUSED");
    }

    @Test
    void badInputIsExitCodeTwo() throws Exception {
        ProcessRun run = run("check", "not-a-port", "--expect", "http");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("Exception");
    }
}
