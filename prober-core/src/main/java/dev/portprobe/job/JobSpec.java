package dev.portprobe.job;

import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.Reach;
import dev.portprobe.profile.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to run in-cluster; {@link JobManifests#render} turns it into Kubernetes objects.
 *
 * @param name              the name of every object (ServiceAccount, Role, RoleBinding, Job); a DNS label
 * @param profile           the {@code -p} value: a built-in profile name, used when {@code profileYaml} is null
 * @param profileYaml       a profile's YAML to ship in a ConfigMap (for a profile file that is not built in), or null
 * @param namespaces        the namespaces probed; the first is {@code -n}, every one gets read access
 * @param jobNamespace      where the Job and its ServiceAccount live; null means the first probed namespace
 * @param image             the container image
 * @param needsWorkloadRead the profile has workload-only checks whose pods are found through their Deployment or
 *                          StatefulSet (no selector), so the Role also reads deployments and statefulsets
 * @param extraArgs         more {@code probe} flags, e.g. {@code --timeout 3s --wait 2m}; the flags the manifests set
 *                          themselves (mode, profile, namespace, output) are refused
 * @param activeDeadline    the Job's {@code activeDeadlineSeconds}
 * @param ttlAfterFinished  the Job's {@code ttlSecondsAfterFinished}
 * @param direct            direct mode: the pod dials each Service name of the profile at this host
 *                          ({@code --mode direct --target NAME=HOST}) and reads nothing from the API, so the Job gets no
 *                          Role and its pod no service-account token; empty for the in-cluster mode
 */
public record JobSpec(
        String name,
        String profile,
        String profileYaml,
        List<String> namespaces,
        String jobNamespace,
        String image,
        boolean needsWorkloadRead,
        List<String> extraArgs,
        Duration activeDeadline,
        Duration ttlAfterFinished,
        java.util.Map<String, String> direct) {

    /**
     * The tag of the image that {@code mvn -Pdist package} builds (prober-cli's {@code portprobe.image}), so a user's
     * own build, loaded into the cluster, is found without {@code --image}; it follows the release.
     */
    public static final String DEFAULT_IMAGE = "portprobe:0.1.0";
    public static final String DEFAULT_NAME = "portprobe";
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Set<String> RESERVED_FLAGS = Set.of("--mode", "-p", "--profile", "-n", "--namespace", "-o",
            "--output", "--out", "--kubeconfig", "--context", "--target", "--targets", "--host", "--shard");

    public JobSpec {
        namespaces = namespaces.stream().distinct().toList(); // -n a -n a: one RoleBinding, one -n
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        direct = direct == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(direct));
        image = image == null || image.isBlank() ? DEFAULT_IMAGE : image;
        activeDeadline = activeDeadline == null ? DEFAULT_DEADLINE : activeDeadline;
        ttlAfterFinished = ttlAfterFinished == null ? DEFAULT_TTL : ttlAfterFinished;
        requireLabel("name", name);
        if (name.length() > 52) {
            throw new IllegalArgumentException("job name '" + name + "' is longer than 52 characters");
        }
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("at least one namespace to probe is needed");
        }
        namespaces.forEach(ns -> requireLabel("namespace", ns));
        if (jobNamespace != null) {
            requireLabel("job namespace", jobNamespace);
        }
        if (profile == null || profile.isBlank()) {
            throw new IllegalArgumentException("a profile is needed");
        }
        for (String arg : extraArgs) {
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (RESERVED_FLAGS.contains(flag)) {
                throw new IllegalArgumentException(flag + " is set by the Job itself and cannot be passed through");
            }
        }
    }

    /** An in-cluster spec (no direct targets). */
    public JobSpec(String name, String profile, String profileYaml, List<String> namespaces, String jobNamespace,
                   String image, boolean needsWorkloadRead, List<String> extraArgs, Duration activeDeadline,
                   Duration ttlAfterFinished) {
        this(name, profile, profileYaml, namespaces, jobNamespace, image, needsWorkloadRead, extraArgs, activeDeadline,
                ttlAfterFinished, java.util.Map.of());
    }

    /** A spec with every default: built-in profile, Job in the first namespace, default image and deadlines. */
    public static JobSpec of(String profile, List<String> namespaces) {
        return new JobSpec(DEFAULT_NAME, profile, null, namespaces, null, null, false, List.of(), null, null);
    }

    /**
     * True when the profile has a workload-only port (one no Service port targets) on a workload without a selector:
     * its pods are found through the Deployment or StatefulSet of that name, which needs read access to those.
     * Pod-local ports do not count: in-cluster they are SKIPPED without any lookup.
     */
    public static boolean needsWorkloadRead(Profile profile) {
        for (WorkloadSpec w : profile.workloads()) {
            if (!w.selector().isEmpty()) {
                continue;
            }
            for (PortSpec port : w.ports()) {
                if (port.reach() == Reach.POD_LOCAL) {
                    continue;
                }
                boolean targeted = profile.services().stream()
                        .filter(s -> w.name().equals(s.workload()))
                        .flatMap(s -> s.ports().stream())
                        .anyMatch(sp -> sp.effectiveTargetPort() == port.port());
                if (!targeted) {
                    return true;
                }
            }
        }
        return false;
    }

    public String effectiveJobNamespace() {
        return jobNamespace == null ? namespaces.get(0) : jobNamespace;
    }

    /** More than one namespace is probed: read access comes from a ClusterRole bound in each of them. */
    public boolean multiNamespace() {
        return namespaces.size() > 1;
    }

    public JobSpec withName(String n) {
        return new JobSpec(n, profile, profileYaml, namespaces, jobNamespace, image, needsWorkloadRead, extraArgs,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withProfileYaml(String yaml) {
        return new JobSpec(name, profile, yaml, namespaces, jobNamespace, image, needsWorkloadRead, extraArgs,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withJobNamespace(String ns) {
        return new JobSpec(name, profile, profileYaml, namespaces, ns, image, needsWorkloadRead, extraArgs,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withImage(String i) {
        return new JobSpec(name, profile, profileYaml, namespaces, jobNamespace, i, needsWorkloadRead, extraArgs,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withWorkloadRead(boolean needed) {
        return new JobSpec(name, profile, profileYaml, namespaces, jobNamespace, image, needed, extraArgs,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withExtraArgs(List<String> args) {
        return new JobSpec(name, profile, profileYaml, namespaces, jobNamespace, image, needsWorkloadRead, args,
                activeDeadline, ttlAfterFinished, direct);
    }

    public JobSpec withActiveDeadline(Duration d) {
        return new JobSpec(name, profile, profileYaml, namespaces, jobNamespace, image, needsWorkloadRead, extraArgs,
                d, ttlAfterFinished, direct);
    }

    /**
     * The same Job in direct mode: its pod dials each name of {@code targets} at its host
     * ({@code --target NAME=HOST}); see {@link #direct()}.
     */
    public JobSpec withDirect(java.util.Map<String, String> targets) {
        return new JobSpec(name, profile, profileYaml, namespaces, jobNamespace, image, needsWorkloadRead, extraArgs,
                activeDeadline, ttlAfterFinished, targets);
    }

    /** The pod reads nothing from the API: no Role, no RoleBinding, no token. */
    public boolean isDirect() {
        return !direct.isEmpty();
    }

    private static void requireLabel(String what, String value) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a DNS label (lower case letters, digits"
                    + " and '-', at most 63 characters)");
        }
    }
}
