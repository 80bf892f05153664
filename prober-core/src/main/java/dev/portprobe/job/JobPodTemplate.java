package dev.portprobe.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Job's pod: one non-root container with a read-only root file system, every capability dropped, the runtime's
 * seccomp profile, a small writable /tmp, the service-account token mounted (the ServiceAccount itself opts out, so
 * only this pod gets it), and JVM flags that keep the process inside its memory limit.
 */
final class JobPodTemplate {
    static final String CONTAINER = "portprobe";
    static final long UID = 65532L;
    static final String PROFILE_DIR = "/etc/portprobe";
    static final String PROFILE_FILE = "profile.yaml";
    static final String MEMORY_REQUEST = "128Mi";
    static final String MEMORY_LIMIT = "256Mi";
    static final String CPU_REQUEST = "100m";
    static final String CPU_LIMIT = "500m";
    /**
     * Heap 64m + metaspace 80m + code cache 24m + direct buffers 32m = 200m of caps, leaving room for thread stacks and
     * the JVM's own memory under the 256Mi limit. C1 only and the serial collector: a short run on at most half a CPU.
     * No perf data file, so nothing but /tmp needs to be writable.
     */
    static final String JVM_FLAGS = "-Xmx64m -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=24m"
            + " -XX:MaxDirectMemorySize=32m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData";

    private JobPodTemplate() {
    }

    /** The environment variable that carries an Indexed Job's pod index; the Job controller sets it too. */
    static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

    static PodTemplateSpec of(JobSpec spec) {
        return template(spec, List.of());
    }

    /**
     * A pod of a per-node run: pinned to {@code node} by a required node affinity on {@code metadata.name} (as the
     * DaemonSet controller pins its pods), so the scheduler still admits it (resources, taints) and a pod that cannot
     * start shows the scheduler's reason; with {@code hostNetwork}, in the node's network namespace, resolving Service
     * names through the cluster's DNS ({@code dnsPolicy: ClusterFirstWithHostNet}).
     */
    static PodTemplateSpec onNode(JobSpec spec, String node, boolean hostNetwork) {
        PodTemplateSpec t = template(spec, List.of());
        t.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder()
                .withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(node).endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        if (hostNetwork) {
            t.getSpec().setHostNetwork(true);
            t.getSpec().setDnsPolicy("ClusterFirstWithHostNet");
        }
        return t;
    }

    /**
     * A pod of an Indexed Job of {@code shards}: {@code --shard $(JOB_COMPLETION_INDEX)/N}. The variable is declared from
     * the index annotation, so that the kubelet expands it in the arguments whatever the controller adds; a retried pod
     * keeps its index, hence its share.
     */
    static PodTemplateSpec sharded(JobSpec spec, int shards) {
        PodTemplateSpec t = template(spec, List.of("--shard", "$(" + INDEX_ENV + ")/" + shards));
        t.getSpec().getContainers().get(0).getEnv().add(new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                .withName(INDEX_ENV).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + INDEX_ANNOTATION + "']").endFieldRef().endValueFrom()
                .build());
        return t;
    }

    private static PodTemplateSpec template(JobSpec spec, List<String> moreArgs) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("tmp")
                .withNewEmptyDir().withSizeLimit(new Quantity("32Mi")).endEmptyDir().build());
        if (spec.profileYaml() != null) {
            volumes.add(new VolumeBuilder().withName("profile")
                    .withNewConfigMap().withName(profileConfigMap(spec)).endConfigMap().build());
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(JobManifests.labels(spec)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(spec.name())
                .withAutomountServiceAccountToken(!spec.isDirect())
                .withRestartPolicy("Never")
                .withEnableServiceLinks(false)
                .withSecurityContext(podSecurity())
                .withContainers(container(spec, moreArgs))
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    static String profileConfigMap(JobSpec spec) {
        return spec.name() + "-profile";
    }

    /**
     * {@code probe --mode in-cluster -p PROFILE -n NS [-n NS2...] -o json} and the extra flags; in direct mode
     * {@code probe --mode direct -p PROFILE --target NAME=HOST... -n NS -o json}.
     */
    static List<String> args(JobSpec spec) {
        List<String> args = new ArrayList<>(List.of("probe", "--mode", spec.isDirect() ? "direct" : "in-cluster", "-p",
                spec.profileYaml() != null ? PROFILE_DIR + "/" + PROFILE_FILE : spec.profile()));
        spec.direct().forEach((name, host) -> {
            args.add("--target");
            args.add(name + "=" + host);
        });
        for (String ns : spec.namespaces()) {
            args.add("-n");
            args.add(ns);
        }
        args.add("-o");
        args.add("json");
        args.addAll(spec.extraArgs());
        return args;
    }

    private static Container container(JobSpec spec, List<String> moreArgs) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (spec.profileYaml() != null) {
            mounts.add(new VolumeMountBuilder().withName("profile").withMountPath(PROFILE_DIR).withReadOnly(true).build());
        }
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(withMore(args(spec), moreArgs))
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue(JVM_FLAGS).endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity(CPU_REQUEST))
                .addToRequests("memory", new Quantity(MEMORY_REQUEST))
                .addToLimits("cpu", new Quantity(CPU_LIMIT))
                .addToLimits("memory", new Quantity(MEMORY_LIMIT))
                .endResources()
                .withSecurityContext(containerSecurity())
                .withVolumeMounts(mounts)
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private static List<String> withMore(List<String> args, List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        return all;
    }

    static PodSecurityContext podSecurity() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(UID)
                .withRunAsGroup(UID)
                .withFsGroup(UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    static SecurityContext containerSecurity() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(UID)
                .withRunAsGroup(UID)
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }
}
