package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.portprobe.plan.Check;
import dev.portprobe.plan.CheckKind;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.JsonReportWriter;
import dev.portprobe.report.Report;
import dev.portprobe.outcome.Status;
import dev.portprobe.resolve.ClusterAccessException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@EnableKubernetesMockClient(crud = true)
class JobRunnerTest {
    private static final JobSpec GLOO = JobSpec.of("gloo-mesh-enterprise", List.of("gloo-system"));
    private static final JobRunOptions FAST = new JobRunOptions(Duration.ofSeconds(20), false, Duration.ofMillis(20));

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    static Report report(Status second) {
        PortSpec grpc = new PortSpec(9977, null, null, Protocol.GRPC, "xDS Server", null, null, null, null, false, 0);
        PortSpec http = new PortSpec(9979, null, null, Protocol.HTTP, "WASM cache", null, null, null, null, false, 0);
        Check a = new Check("gloo", CheckKind.SERVICE, "gloo", 9977, 9977, grpc, true, false);
        Check b = new Check("gloo", CheckKind.SERVICE, "gloo", 9979, 9979, http, true, false);
        return new Report("gloo-mesh-enterprise", "in-cluster", "gloo-system", Instant.parse("2026-11-26T15:00:00Z"),
                120, List.of(
                        new CheckResult(a, Status.OK, "grpc", "gloo.gloo-system.svc:9977", null, 1.5, "SERVING", null,
                                List.of(), null),
                        new CheckResult(b, second, second == Status.OK ? "http" : null, "gloo.gloo-system.svc:9979",
                                null, 0.5, second == Status.OK ? "HTTP/1.1 200" : "connect: connection refused",
                                second == Status.OK ? null : "nothing listens on 9979", List.of(), null)),
                List.of());
    }

    static String podLog(Report report) {
        return "Picked up JAVA_TOOL_OPTIONS: -Xmx64m\n"
                + "probing 2 checks of gloo-mesh-enterprise in gloo-system\n"
                + new JsonReportWriter().renderToString(report);
    }

    private FakeJobController controller;

    private void start(FakeJobController.Script script) {
        controller = new FakeJobController(server, client, script);
    }

    @AfterEach
    void stopController() {
        if (controller != null) {
            controller.close();
        }
    }

    private JobRunner runner(JobRunOptions options) {
        return new JobRunner(client, options, progress::add);
    }

    private void assertNothingLeft() {
        assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.configMaps().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().roles().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().roleBindings().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void exitsWithTheReportsExitCodeAndLeavesNothingBehind() throws Exception {
        Report scripted = report(Status.REFUSED);
        start(new FakeJobController.Script.Completes(podLog(scripted), 1));
        try (JobRunner runner = runner(FAST)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.report()).isNotNull();
            assertThat(outcome.report().results()).extracting(CheckResult::status)
                    .containsExactly(Status.OK, Status.REFUSED);
            assertThat(outcome.message()).contains("failed with a report");
            assertNothingLeft();
        }
        assertThat(progress).anyMatch(l -> l.startsWith("created Job gloo-system/portprobe-"))
                .contains("probing 2 checks of gloo-mesh-enterprise in gloo-system")
                .noneMatch(l -> l.contains("\"schema\""));
    }

    @Test
    void exitsThreeWithTheReportWhenThePodLostItsApiDuringTheRun() throws Exception {
        Report lost = report(Status.OK).withApiError("the API server of cluster https://10.96.0.1:443 failed during "
                + "the run");
        start(new FakeJobController.Script.Completes(podLog(lost), 3));
        try (JobRunner runner = runner(FAST)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.report()).isNotNull();
            assertThat(outcome.report().apiError()).isEqualTo(lost.apiError());
            assertThat(outcome.report().results()).extracting(CheckResult::status).containsExactly(Status.OK, Status.OK);
            assertNothingLeft();
        }
    }

    @Test
    void keepsTheReportItsLogGaveWhenTheApiGoesAwayWhileWaitingForTheJob() throws Exception {
        start(new FakeJobController.Script.RunsForever(podLog(report(Status.REFUSED))));
        io.fabric8.kubernetes.client.Config once = new io.fabric8.kubernetes.client.ConfigBuilder(
                client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient noRetries = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(once)
                .build(); JobRunner runner = new JobRunner(noRetries, FAST, progress::add)) {
            Thread stopper = new Thread(() -> {
                try {
                    if (dev.portprobe.testing.kube.Leaks.eventually(() -> progress.stream()
                            .anyMatch(l -> l.startsWith("probing 2 checks")), 15_000)) {
                        controller.close();
                        server.destroy();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stopper.start();
            JobOutcome outcome = runner.run(GLOO);
            stopper.join();
            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.report().results()).extracting(CheckResult::status)
                    .containsExactly(Status.OK, Status.REFUSED);
            // the mock server may answer a request in flight while it stops (404) instead of refusing it: either way
            // the API failed while waiting for the Job, and the report from the log stands
            assertThat(outcome.report().apiError())
                    .containsAnyOf("cannot reach the API server of cluster", "cannot get jobs.batch")
                    .contains("while waiting for Job").contains("its log had already given the report");
        }
    }

    @Test
    void exitsZeroWhenEveryCheckInTheJobPassed() throws Exception {
        start(new FakeJobController.Script.Completes(podLog(report(Status.OK)), 0));
        try (JobRunner runner = runner(FAST)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.report().summary().ok()).isEqualTo(2);
            assertNothingLeft();
        }
    }

    @Test
    void deletesTheClusterRoleAndEveryBindingOfAMultiNamespaceRun() throws Exception {
        JobSpec spec = JobSpec.of("p", List.of("gloo-system", "gloo-mesh")).withWorkloadRead(true)
                .withProfileYaml("name: p\n");
        start(new FakeJobController.Script.Completes(podLog(report(Status.OK)), 0));
        try (JobRunner runner = runner(FAST)) {
            assertThat(runner.run(spec).exitCode()).isZero();
            assertNothingLeft();
        }
    }

    @Test
    void passesOnThePodsExitCodeWhenItPrintedNoReport() throws Exception {
        String log = "Picked up JAVA_TOOL_OPTIONS: -Xmx64m\n"
                + "/etc/portprobe/profile.yaml:3: unknown key 'prots'\n";
        start(new FakeJobController.Script.Completes(log, 2));
        try (JobRunner runner = runner(FAST)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.report()).isNull();
            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.message()).contains("ended without a report", "container exited with 2",
                    "unknown key 'prots'");
            assertNothingLeft();
        }
    }

    @Test
    void givesUpAtTheTimeoutWithExitCodeThreeAndCleansUp() throws Exception {
        JobRunOptions shortTimeout = new JobRunOptions(Duration.ofMillis(400), false, Duration.ofMillis(20));
        start(new FakeJobController.Script.Nothing());
        try (JobRunner runner = runner(shortTimeout)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.exitCode()).isEqualTo(JobOutcome.NO_REPORT).isEqualTo(3);
            assertThat(outcome.report()).isNull();
            assertThat(outcome.message()).contains("did not finish within 0.4s");
            assertNothingLeft();
        }
    }

    @Test
    void stopsWaitingWhenThePodCannotPullItsImage() throws Exception {
        start(new FakeJobController.Script.Stuck("ImagePullBackOff"));
        try (JobRunner runner = runner(FAST)) {
            JobOutcome outcome = runner.run(GLOO);
            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.message()).contains("cannot start: ImagePullBackOff for image "
                    + JobSpec.DEFAULT_IMAGE + ": Back-off pulling image");
            assertNothingLeft();
        }
    }

    /** Pods that cannot start, as the kubelet and the scheduler report them. */
    static Stream<Arguments> podsThatCannotStart() {
        return Stream.of(
                Arguments.of(new FakeJobController.Script.Stuck("ErrImagePull", "rpc error: code = NotFound desc = "
                        + "failed to pull and unpack image \"docker.io/library/portprobe:0.1.0\": not found"),
                        List.of("cannot start: ErrImagePull for image " + JobSpec.DEFAULT_IMAGE, "not found",
                                "fix: load the image", "kind load image-archive", "--image", "PORTPROBE_IMAGE")),
                Arguments.of(new FakeJobController.Script.Stuck("ImagePullBackOff",
                                "Back-off pulling image \"portprobe:0.1.0\""),
                        List.of("cannot start: ImagePullBackOff for image " + JobSpec.DEFAULT_IMAGE,
                                "mvn -Pimage package -Djib.to.image=REGISTRY/portprobe:TAG", "--image")),
                Arguments.of(new FakeJobController.Script.Stuck("InvalidImageName",
                                "Failed to apply default image tag \"Portprobe:x\": invalid reference format"),
                        List.of("cannot start: InvalidImageName for image", "invalid reference format", "--image")),
                Arguments.of(new FakeJobController.Script.Stuck("CreateContainerConfigError",
                                "configmap \"portprobe-profile\" not found"),
                        List.of("cannot start: CreateContainerConfigError (image " + JobSpec.DEFAULT_IMAGE + ")",
                                "configmap \"portprobe-profile\" not found",
                                "fix: see the pod's events (kubectl -n gloo-system describe pod portprobe-")),
                Arguments.of(new FakeJobController.Script.Unschedulable("0/3 nodes are available: 3 Insufficient "
                                + "memory. preemption: 0/3 nodes are available"),
                        List.of("cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory",
                                "fix: make room for its requests (cpu 100m, memory 128Mi)", "describe pod")));
    }

    @ParameterizedTest
    @MethodSource("podsThatCannotStart")
    void namesAPodThatCannotStartAtOnceWithTheFixAndCleansUp(FakeJobController.Script script, List<String> said)
            throws Exception {
        // A long timeout: the run must end on the pod's state, not on the timeout.
        JobRunOptions patient = new JobRunOptions(Duration.ofMinutes(10), false, Duration.ofMillis(20));
        start(script);
        try (JobRunner runner = runner(patient)) {
            JobOutcome outcome = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> runner.run(GLOO));
            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.report()).isNull();
            assertThat(outcome.message()).startsWith("Job gloo-system/portprobe-").contains(said)
                    .doesNotContain("did not finish").doesNotContain("\n");
            assertNothingLeft();
        }
    }

    @Test
    void cleansUpWhenClosedFromAnotherThreadWhileWaiting() throws Exception {
        start(new FakeJobController.Script.RunsForever("probing 2 checks\n"));
        JobRunner runner = runner(FAST);
        CompletableFuture<JobOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(GLOO);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (!progress.contains("probing 2 checks")) {
            assertThat(run).isNotDone();
            Thread.sleep(10);
        }
        runner.close(); // what the shutdown hook does on Ctrl-C
        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(InterruptedException.class);
        assertNothingLeft();
    }


    @Test
    void keepsTheObjectsWhenAskedTo() throws Exception {
        JobRunOptions keep = new JobRunOptions(Duration.ofSeconds(20), true, Duration.ofMillis(20));
        start(new FakeJobController.Script.Completes(podLog(report(Status.OK)), 0));
        try (JobRunner runner = runner(keep)) {
            assertThat(runner.run(GLOO).exitCode()).isZero();
        }
        assertThat(client.batch().v1().jobs().inNamespace("gloo-system").list().getItems()).hasSize(1);
        assertThat(client.rbac().roles().inNamespace("gloo-system").list().getItems()).hasSize(1);
        assertThat(progress).anyMatch(l -> l.startsWith("kept in the cluster (--keep): ServiceAccount gloo-system/"));
    }

    @Test
    void reportsDeniedAccessAsAClusterAccessErrorAndDeletesWhatItHadCreated() throws Exception {
        server.expect().post().withPath("/apis/rbac.authorization.k8s.io/v1/namespaces/gloo-system/roles")
                .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                        + "\"roles.rbac.authorization.k8s.io is forbidden: User \\\"dev\\\" cannot create resource\","
                        + "\"reason\":\"Forbidden\",\"code\":403}")
                .always();
        try (JobRunner runner = runner(FAST)) {
            assertThatThrownBy(() -> runner.run(GLOO))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("access denied by cluster " + client.getMasterUrl().toString()
                            .replaceAll("/+$", "") + " (context ")
                    .hasMessageContaining("): cannot create roles.rbac.authorization.k8s.io in namespace gloo-system "
                            + "(403 Forbidden): roles.rbac.authorization.k8s.io is forbidden");
        }
        assertNothingLeft();
    }
}
