package dev.portprobe.job;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects that run portprobe in-cluster, as fabric8 model objects: a ServiceAccount, read-only RBAC, an optional
 * ConfigMap holding the profile, and the Job. {@code job render} prints {@link #toYaml}; {@link JobRunner} creates them.
 *
 * <p>RBAC is least privilege: {@code get} and {@code list} on services, pods and endpointslices (plus deployments and
 * statefulsets when {@link JobSpec#needsWorkloadRead()}), nothing else. One namespace gets a Role and a RoleBinding.
 * Several namespaces get one ClusterRole bound by a RoleBinding <em>in each probed namespace</em>: a RoleBinding to a
 * ClusterRole grants it only inside that namespace, whereas a ClusterRoleBinding would let the Job read pods and
 * Services of every namespace in the cluster. A direct-mode Job ({@link JobSpec#direct()}, the cross-cluster checks of a
 * fleet run) gets no RBAC at all.
 */
public final class JobManifests {
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private JobManifests() {
    }

    /** In apply order: ServiceAccount, ConfigMap (when the profile is shipped), Role or ClusterRole, RoleBindings, Job. */
    public static List<HasMetadata> render(JobSpec spec) {
        return render(spec, Fanout.SINGLE);
    }

    /**
     * As {@link #render(JobSpec)}, with the Jobs of {@code fanout}: one per node ({@code NAME-n<i>}, its pod pinned to
     * node i), or one Indexed Job of {@code fanout.shards()} pods. The RBAC is the same: the pods read no more than one
     * pod of a plain run does.
     */
    public static List<HasMetadata> render(JobSpec spec, Fanout fanout) {
        List<HasMetadata> objects = new ArrayList<>();
        String home = spec.effectiveJobNamespace();
        objects.add(new ServiceAccountBuilder()
                .withMetadata(meta(spec, spec.name(), home))
                .withAutomountServiceAccountToken(false)
                .build());
        if (spec.profileYaml() != null) {
            objects.add(new ConfigMapBuilder()
                    .withMetadata(meta(spec, JobPodTemplate.profileConfigMap(spec), home))
                    .addToData(JobPodTemplate.PROFILE_FILE, spec.profileYaml())
                    .build());
        }
        objects.addAll(rbac(spec));
        if (fanout.perNode()) {
            for (int i = 0; i < fanout.nodes().size(); i++) {
                String jobName = Fanout.nodeJobName(spec.name(), i);
                requireLabel(jobName);
                objects.add(job(spec, jobName, JobPodTemplate.onNode(spec, fanout.nodes().get(i),
                        fanout.hostNetwork())));
            }
        } else if (fanout.sharded()) {
            objects.add(indexedJob(spec, fanout));
        } else {
            objects.add(job(spec, spec.name(), JobPodTemplate.of(spec)));
        }
        return objects;
    }

    /** Multi-document YAML, one document per object, each starting with {@code ---}. Deterministic. */
    public static String toYaml(List<HasMetadata> objects) {
        StringBuilder b = new StringBuilder();
        for (HasMetadata o : objects) {
            String doc = Serialization.asYaml(o);
            b.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The read-only rules: get and list, on exactly the resources the in-cluster resolver reads. */
    public static List<PolicyRule> rules(JobSpec spec) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(rule("", "services", "pods"));
        rules.add(rule("discovery.k8s.io", "endpointslices"));
        if (spec.needsWorkloadRead()) {
            rules.add(rule("apps", "deployments", "statefulsets"));
        }
        return rules;
    }

    private static PolicyRule rule(String apiGroup, String... resources) {
        return new PolicyRuleBuilder().withApiGroups(apiGroup).withResources(resources).withVerbs("get", "list").build();
    }

    static List<HasMetadata> rbac(JobSpec spec) {
        List<HasMetadata> objects = new ArrayList<>();
        if (spec.isDirect()) {
            return objects; // a direct-mode pod dials addresses it is given and reads nothing from the API
        }
        String home = spec.effectiveJobNamespace();
        String roleKind;
        String roleName;
        if (spec.multiNamespace()) {
            roleKind = "ClusterRole";
            roleName = clusterRoleName(spec);
            objects.add(new ClusterRoleBuilder().withMetadata(meta(spec, roleName, null)).withRules(rules(spec)).build());
        } else {
            roleKind = "Role";
            roleName = spec.name();
            objects.add(new RoleBuilder().withMetadata(meta(spec, roleName, spec.namespaces().get(0)))
                    .withRules(rules(spec)).build());
        }
        for (String ns : spec.namespaces()) {
            objects.add(new RoleBindingBuilder()
                    .withMetadata(meta(spec, spec.name(), ns))
                    .withNewRoleRef().withApiGroup(RBAC_GROUP).withKind(roleKind).withName(roleName).endRoleRef()
                    .addNewSubject().withKind("ServiceAccount").withName(spec.name()).withNamespace(home).endSubject()
                    .build());
        }
        return objects;
    }

    /** A ClusterRole is cluster-wide: its name carries the Job's namespace so that two installs do not collide. */
    static String clusterRoleName(JobSpec spec) {
        return spec.name() + "-" + spec.effectiveJobNamespace();
    }

    private static Job job(JobSpec spec, String name, io.fabric8.kubernetes.api.model.PodTemplateSpec template) {
        return new JobBuilder()
                .withMetadata(meta(spec, name, spec.effectiveJobNamespace()))
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(Math.max(1, spec.activeDeadline().toSeconds()))
                .withTtlSecondsAfterFinished((int) Math.max(0, spec.ttlAfterFinished().toSeconds()))
                .withTemplate(template)
                .endSpec()
                .build();
    }

    /**
     * {@code completionMode: Indexed}, {@code completions} = {@code parallelism} = N: pod i probes shard i of N. With
     * {@code backoffLimitPerIndex: 1} a failed shard is retried once, alone, and {@code backoffLimit} is left to its
     * default (with a per-index limit, a backoffLimit of 0 would end the Job at the first failure); without it, no
     * retry, as for a plain run.
     */
    private static Job indexedJob(JobSpec spec, Fanout fanout) {
        Job job = job(spec, spec.name(), JobPodTemplate.sharded(spec, fanout.shards()));
        job.getSpec().setCompletionMode("Indexed");
        job.getSpec().setCompletions(fanout.shards());
        job.getSpec().setParallelism(fanout.shards());
        if (fanout.perIndexBackoff()) {
            job.getSpec().setBackoffLimit(null);
            job.getSpec().setBackoffLimitPerIndex(1);
        }
        return job;
    }

    private static void requireLabel(String jobName) {
        if (jobName.length() > 63) {
            throw new IllegalArgumentException("Job name '" + jobName + "' is longer than 63 characters; use a shorter"
                    + " --name");
        }
    }

    /** The labels on every object and on the pod: {@code app.kubernetes.io/name: portprobe} and the instance name. */
    static Map<String, String> labels(JobSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, "portprobe");
        labels.put(INSTANCE_LABEL, spec.name());
        return labels;
    }

    static ObjectMeta meta(JobSpec spec, String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(spec)).build();
    }
}
