package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanoutManifestsTest {
    private static final JobSpec GLOO = JobSpec.of("gloo-mesh-enterprise", List.of("gloo-system"));

    private static List<Job> jobs(List<HasMetadata> objects) {
        return objects.stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
    }

    @Test
    void perNodeRendersOneJobPerNodePinnedByRequiredNodeAffinityWithThePlainRunsRbacAndSecurity() {
        List<HasMetadata> plain = JobManifests.render(GLOO);
        List<HasMetadata> objects = JobManifests.render(GLOO, Fanout.perNode(List.of("worker-a", "worker-b"), false));
        List<Job> jobs = jobs(objects);
        assertThat(jobs).extracting(j -> j.getMetadata().getName()).containsExactly("portprobe-n0", "portprobe-n1");
        for (int i = 0; i < 2; i++) {
            PodSpec pod = jobs.get(i).getSpec().getTemplate().getSpec();
            var term = pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms();
            assertThat(term).hasSize(1);
            String node = i == 0 ? "worker-a" : "worker-b";
            assertThat(term.get(0).getMatchFields()).singleElement().satisfies(f -> {
                assertThat(f.getKey()).isEqualTo("metadata.name");
                assertThat(f.getOperator()).isEqualTo("In");
                assertThat(f.getValues()).containsExactly(node);
            });
            assertThat(pod.getHostNetwork()).isNull();
            assertThat(pod.getTolerations()).isEmpty();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(jobs.get(i).getSpec().getBackoffLimit()).isZero();
            assertThat(jobs.get(i).getMetadata().getLabels()).containsEntry(JobManifests.INSTANCE_LABEL, "portprobe");
        }
        // the RBAC is the plain run's: the pods read no nodes (job run reads them, with the caller's credentials)
        assertThat(objects.stream().filter(o -> !(o instanceof Job)).toList())
                .isEqualTo(plain.stream().filter(o -> !(o instanceof Job)).toList());
        List<PolicyRule> rules = objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .findFirst().orElseThrow().getRules();
        assertThat(rules).flatExtracting(PolicyRule::getResources).doesNotContain("nodes");
    }

    @Test
    void hostNetworkUsesTheNodesNetworkAndTheClusterDns() {
        Job job = jobs(JobManifests.render(GLOO, Fanout.perNode(List.of("worker-a"), true))).get(0);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.getContainers().get(0).getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void shardsRenderOneIndexedJobWhosePodsProbeTheirShare() {
        Job perIndex = jobs(JobManifests.render(GLOO, Fanout.sharded(4, true))).get(0);
        assertThat(perIndex.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(perIndex.getSpec().getCompletions()).isEqualTo(4);
        assertThat(perIndex.getSpec().getParallelism()).isEqualTo(4);
        assertThat(perIndex.getSpec().getBackoffLimitPerIndex()).isEqualTo(1);
        assertThat(perIndex.getSpec().getBackoffLimit()).isNull();
        var container = perIndex.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).endsWith("-o", "json", "--shard", "$(JOB_COMPLETION_INDEX)/4");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });

        Job old = jobs(JobManifests.render(GLOO, Fanout.sharded(4, false))).get(0);
        assertThat(old.getSpec().getBackoffLimitPerIndex()).isNull();
        assertThat(old.getSpec().getBackoffLimit()).isZero();
    }

    @Test
    void refusesWhatCannotBeCombined() {
        assertThatThrownBy(() -> new Fanout(List.of("a"), false, 2, false)).hasMessageContaining("cannot be combined");
        assertThatThrownBy(() -> new Fanout(List.of(), true, 0, false)).hasMessage("--host-network needs --per-node");
        assertThatThrownBy(() -> Fanout.sharded(0, true)).hasMessageContaining("from 1 to 100");
        assertThatThrownBy(() -> JobManifests.render(GLOO.withName("a".repeat(60)),
                Fanout.perNode(List.of("n"), false))).hasMessageContaining("longer than");
    }
}
