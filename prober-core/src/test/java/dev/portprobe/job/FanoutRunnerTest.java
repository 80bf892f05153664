package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Shard;
import dev.portprobe.report.CheckResult;
import dev.portprobe.report.Format;
import dev.portprobe.report.RenderOptions;
import dev.portprobe.report.Renderers;
import dev.portprobe.report.Report;
import dev.portprobe.report.SyntheticReports;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** job run --per-node and --shards against the CRUD mock server, the Job controller and kubelet acted out. */
@EnableKubernetesMockClient(crud = true)
class FanoutRunnerTest {
    private static final JobSpec GLOO = JobSpec.of("gloo-mesh-enterprise", List.of("gloo-system"));
    /** Long enough for a loaded machine: only a run that fails waits it out, and none of these does. */
    private static final JobRunOptions FAST = new JobRunOptions(Duration.ofSeconds(90), false, Duration.ofMillis(20));
    private static final List<String> NODES = List.of("worker-a", "worker-b", "worker-c");

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<Job> seenJobs = new CopyOnWriteArrayList<>();
    private FakeJobController controller;

    @AfterEach
    void stopController() {
        if (controller != null) {
            controller.close();
        }
    }

    private void start(FakeJobController.Script script) {
        controller = new FakeJobController(server, client, script);
    }

    private void assertNothingLeft() {
        assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().roles().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().roleBindings().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoles().list().getItems()).isEmpty();
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    private static String log(Report report) {
        return "Picked up JAVA_TOOL_OPTIONS: -Xmx64m\nprobing " + report.results().size() + " checks\n"
                + SyntheticReports.json(report);
    }

    /** The Job's node, from its pod template's required node affinity. */
    private static String pinnedNode(Job job) {
        return job.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchFields()
                .get(0).getValues().get(0);
    }

    @Test
    void threeNodesWhereOneRefusesAPortMergeIntoAMatrixWithANodeHint() throws Exception {
        List<Check> checks = SyntheticReports.plan("gloo-mesh-enterprise").subList(0, 4);
        Check refused = checks.get(2);
        start(new FakeJobController.Script.PerJob(job -> {
            Job created = client.batch().v1().jobs().inNamespace("gloo-system").withName(job).get();
            seenJobs.add(created);
            boolean onB = "worker-b".equals(pinnedNode(created));
            Report r = SyntheticReports.of("gloo-mesh-enterprise", checks,
                    (i, c) -> onB && c.equals(refused) ? Status.REFUSED : Status.OK);
            return new FakeJobController.Script.Completes(log(r), onB ? 1 : 0);
        }));
        JobOutcome outcome;
        try (JobRunner runner = new JobRunner(client, FAST, progress::add)) {
            outcome = runner.run(GLOO, Fanout.perNode(NODES, false));
        }
        assertNothingLeft();
        assertThat(seenJobs).extracting(FanoutRunnerTest::pinnedNode).containsExactlyInAnyOrderElementsOf(NODES);
        assertThat(seenJobs).extracting(j -> j.getMetadata().getName())
                .allMatch(n -> n.matches("portprobe-[a-z0-9]{5}-n[012]"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        Report report = outcome.report();
        assertThat(report.nodes()).containsExactlyElementsOf(NODES);
        assertThat(report.results()).hasSize(12).allMatch(r -> r.node() != null);
        assertThat(report.results()).filteredOn(r -> !r.status().ok())
                .extracting(CheckResult::node, r -> r.check().name(), r -> r.check().port(), CheckResult::status)
                .containsExactly(tuple("worker-b", refused.name(), refused.port(), Status.REFUSED));
        CheckResult failing = report.results().stream().filter(r -> !r.status().ok()).findFirst().orElseThrow();
        assertThat(failing.hint()).startsWith("fails from node worker-b but passes from worker-a, worker-c:")
                .contains("CNI", "NetworkPolicy", "firewall");
        String table = Renderers.of(Format.TABLE, RenderOptions.PLAIN).renderToString(report);
        assertThat(table).contains("3 nodes").containsPattern("PORT +EXPECTED +worker-a +worker-b +worker-c")
                .containsPattern(" " + refused.port() + " +" + refused.expected().id() + " +OK +REFUSED +OK")
                .contains("hint: fails from node worker-b");
        assertThat(Renderers.of(Format.JSON, RenderOptions.PLAIN).renderToString(report))
                .contains("\"node\": \"worker-a\"", "\"node\": \"worker-b\"", "\"node\": \"worker-c\"");
        assertThat(Renderers.of(Format.JUNIT, RenderOptions.PLAIN).renderToString(report))
                .contains("on node worker-a\"", "on node worker-b\"", "<property name=\"node\" value=\"worker-c\"/>");
        assertThat(progress).anyMatch(l -> l.startsWith("created 3 Jobs gloo-system/portprobe-"))
                .anyMatch(l -> l.equals("node worker-b | probing 4 checks"));
    }

    @Test
    void threeShardsOfAnIndexedJobMergeIntoTheFullReportInPlanOrder() throws Exception {
        List<Check> checks = SyntheticReports.plan("gloo-mesh-enterprise");
        Report full = SyntheticReports.of("gloo-mesh-enterprise", checks,
                (i, c) -> i % 5 == 3 ? Status.REFUSED : Status.OK);
        start(new FakeJobController.Script.Indexed(index -> {
            Report share = new Report(full.profile(), full.mode(), full.namespace(), full.startedAt(), 100 + index,
                    new Shard(index, 3).apply(full.results()), List.of());
            return log(share);
        }));
        JobOutcome outcome;
        try (JobRunner runner = new JobRunner(client, FAST, line -> {
            progress.add(line);
            if (line.startsWith("created Indexed Job")) {
                seenJobs.addAll(client.batch().v1().jobs().inNamespace("gloo-system").list().getItems());
            }
        })) {
            outcome = runner.run(GLOO, Fanout.sharded(3, true));
        }
        assertNothingLeft();
        Job job = seenJobs.get(0);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimitPerIndex()).isEqualTo(1);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .endsWith("--shard", "$(JOB_COMPLETION_INDEX)/3");
        assertThat(outcome.exitCode()).isEqualTo(full.exitCode()).isEqualTo(1);
        Report merged = outcome.report();
        assertThat(merged.results()).extracting(r -> r.check().name(), r -> r.check().port(), CheckResult::status)
                .containsExactlyElementsOf(full.results().stream()
                        .map(r -> tuple(r.check().name(), r.check().port(), r.status())).toList());
        assertThat(merged.summary()).isEqualTo(full.summary());
        assertThat(merged.durationMs()).isEqualTo(102);
        assertThat(merged.nodes()).isEmpty();
        assertThat(progress).anyMatch(l -> l.startsWith("shard 2/3 | probing "));
    }

    @Test
    void aNodeWithoutAReportDoesNotHideTheOthersAndExitsThree() throws Exception {
        List<Check> checks = SyntheticReports.plan("gloo-mesh-enterprise").subList(0, 3);
        start(new FakeJobController.Script.PerJob(job -> job.endsWith("-n2")
                ? new FakeJobController.Script.Completes("Exception in thread main: cannot reach the API\n", 3)
                : new FakeJobController.Script.Completes(log(SyntheticReports.of("gloo-mesh-enterprise", checks,
                        (i, c) -> Status.OK)), 0)));
        JobOutcome outcome;
        try (JobRunner runner = new JobRunner(client, FAST, progress::add)) {
            outcome = runner.run(GLOO, Fanout.perNode(NODES, false));
        }
        assertNothingLeft();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.report().nodes()).containsExactly("worker-a", "worker-b");
        assertThat(outcome.report().apiError()).startsWith("no report from 1 of the 3 nodes: node worker-c: pod ")
                .contains("ended without a report, exit 3 (Error)", "cannot reach the API");
    }

    @Test
    void namesANodesPodThatCannotStartAtOnceAndCleansUp() throws Exception {
        start(new FakeJobController.Script.PerJob(job -> job.endsWith("-n1")
                ? new FakeJobController.Script.Stuck("ImagePullBackOff")
                : new FakeJobController.Script.RunsForever("probing 3 checks\n")));
        JobOutcome outcome;
        try (JobRunner runner = new JobRunner(client, FAST, progress::add)) {
            outcome = runner.run(GLOO, Fanout.perNode(NODES, true));
        }
        assertNothingLeft();
        assertThat(outcome.report()).isNull();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.message()).matches("Job gloo-system/portprobe-[a-z0-9]{5}-n1 \\(node worker-b\\): pod "
                + "portprobe-[a-z0-9]{5}-n1-x7k2q cannot start: ImagePullBackOff for image portprobe:0\\.1\\.0.*");
    }

    @Test
    void cleansUpEveryNodesJobWhenClosedFromAnotherThread() throws Exception {
        start(new FakeJobController.Script.RunsForever("probing 3 checks\n"));
        JobRunner runner = new JobRunner(client, FAST, progress::add);
        CompletableFuture<JobOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(GLOO, Fanout.perNode(NODES, false));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        while (client.pods().inNamespace("gloo-system").list().getItems().size() < 3) {
            assertThat(run).isNotDone();
            Thread.sleep(10);
        }
        runner.close(); // what the shutdown hook does on Ctrl-C
        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(InterruptedException.class);
        assertNothingLeft();
    }
}
