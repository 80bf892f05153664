package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
            assertThat(outcome.message()).contains("cannot start: ImagePullBackOff: Back-off pulling image");
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
