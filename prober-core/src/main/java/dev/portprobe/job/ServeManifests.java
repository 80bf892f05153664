package dev.portprobe.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code portprobe serve} in a cluster, as fabric8 model objects: the Job's ServiceAccount and read-only RBAC (the
 * same rules: get and list on what the in-cluster resolver reads), a Deployment of one replica whose pod has the Job's
 * pod and container security contexts, resources and JVM flags, probed on {@code /-/ready} and {@code /-/healthy},
 * and a ClusterIP Service on the metrics port for Prometheus to scrape. {@code src/kubernetes/portprobe-serve.yaml}
 * is this, rendered for Gloo Mesh Enterprise in gloo-system.
 */
public final class ServeManifests {
    public static final String DEFAULT_NAME = "portprobe-serve";
    public static final int PORT = 9779;
    public static final String PORT_NAME = "http-metrics";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private ServeManifests() {
    }

    /**
     * ServiceAccount, Role (or ClusterRole) and RoleBindings, Deployment, Service. The spec's name, profile,
     * namespaces, image and workload reads are used; its extra arguments are passed to {@code serve} (the profile
     * must be built in: a profile file would need the Job's ConfigMap, which serve does not ship).
     */
    public static List<HasMetadata> render(JobSpec spec, Duration interval) {
        if (spec.profileYaml() != null) {
            throw new IllegalArgumentException("serve manifests take a built-in profile");
        }
        List<HasMetadata> objects = new ArrayList<>();
        String home = spec.effectiveJobNamespace();
        objects.add(new ServiceAccountBuilder()
                .withMetadata(JobManifests.meta(spec, spec.name(), home))
                .withAutomountServiceAccountToken(false)
                .build());
        objects.addAll(JobManifests.rbac(spec));
        objects.add(deployment(spec, interval));
        objects.add(new ServiceBuilder()
                .withMetadata(JobManifests.meta(spec, spec.name(), home))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(JobManifests.labels(spec))
                .addNewPort().withName(PORT_NAME).withPort(PORT).withTargetPort(new IntOrString(PORT_NAME))
                .withProtocol("TCP").endPort()
                .endSpec()
                .build());
        return objects;
    }

    /** {@code serve --mode in-cluster -p PROFILE -n NS... --listen 0.0.0.0:9779 --interval D} and the extra flags. */
    static List<String> args(JobSpec spec, Duration interval) {
        List<String> args = new ArrayList<>(List.of("serve", "--mode", "in-cluster", "-p", spec.profile()));
        for (String ns : spec.namespaces()) {
            args.add("-n");
            args.add(ns);
        }
        args.addAll(List.of("--listen", "0.0.0.0:" + PORT, "--interval", interval.toSeconds() + "s"));
        args.addAll(spec.extraArgs());
        return args;
    }

    private static Deployment deployment(JobSpec spec, Duration interval) {
        return new DeploymentBuilder()
                .withMetadata(JobManifests.meta(spec, spec.name(), spec.effectiveJobNamespace()))
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().withMatchLabels(JobManifests.labels(spec)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(JobManifests.labels(spec)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(spec.name())
                .withAutomountServiceAccountToken(true)
                .withEnableServiceLinks(false)
                .withSecurityContext(JobPodTemplate.podSecurity())
                .withContainers(container(spec, interval))
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("32Mi")).endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(JobSpec spec, Duration interval) {
        return new ContainerBuilder()
                .withName(JobPodTemplate.CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(args(spec, interval))
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue(JobPodTemplate.JVM_FLAGS).endEnv()
                .addNewPort().withName(PORT_NAME).withContainerPort(PORT).withProtocol("TCP").endPort()
                .withNewResources()
                .addToRequests("cpu", new Quantity(JobPodTemplate.CPU_REQUEST))
                .addToRequests("memory", new Quantity(JobPodTemplate.MEMORY_REQUEST))
                .addToLimits("cpu", new Quantity(JobPodTemplate.CPU_LIMIT))
                .addToLimits("memory", new Quantity(JobPodTemplate.MEMORY_LIMIT))
                .endResources()
                .withReadinessProbe(httpProbe("/-/ready", 5))
                .withLivenessProbe(httpProbe("/-/healthy", 10))
                .withSecurityContext(JobPodTemplate.containerSecurity())
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private static Probe httpProbe(String path, int periodSeconds) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(PORT_NAME)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(3)
                .build();
    }
}
