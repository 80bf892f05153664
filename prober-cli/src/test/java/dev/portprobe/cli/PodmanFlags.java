package dev.portprobe.cli;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code podman run} flags that reproduce the Job's pod: its container's security context, environment, memory and
 * CPU limits, and its emptyDir mounts (as tmpfs). A setting it does not know how to reproduce is an error, so the image
 * test cannot silently run with less than the Job asks for.
 */
final class PodmanFlags {
    private static final Set<String> KNOWN_SECURITY = Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "privileged",
            "allowPrivilegeEscalation", "readOnlyRootFilesystem", "capabilities", "seccompProfile");

    private PodmanFlags() {
    }

    static List<String> of(PodSpec pod) {
        if (pod.getContainers().size() != 1 || !pod.getInitContainers().isEmpty()) {
            throw new IllegalArgumentException("the Job's pod must have one container and no init containers");
        }
        Container c = pod.getContainers().get(0);
        List<String> flags = new ArrayList<>();
        SecurityContext sc = c.getSecurityContext();
        Map<String, Object> set = new tools.jackson.databind.ObjectMapper().convertValue(sc, Map.class);
        for (String key : set.keySet()) {
            if (set.get(key) != null && !KNOWN_SECURITY.contains(key)) {
                throw new IllegalArgumentException("the Job's securityContext sets " + key + ", not reproduced here");
            }
        }
        if (sc.getRunAsUser() == null || sc.getRunAsUser() == 0 || !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
            throw new IllegalArgumentException("the Job must run as a fixed non-root user");
        }
        flags.add("--user=" + sc.getRunAsUser() + (sc.getRunAsGroup() == null ? "" : ":" + sc.getRunAsGroup()));
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            flags.add("--privileged");
        }
        if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            flags.add("--security-opt=no-new-privileges");
        }
        if (Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            flags.add("--read-only");
            flags.add("--read-only-tmpfs=false"); // only the Job's own volumes are writable
        }
        if (sc.getCapabilities() != null) {
            sc.getCapabilities().getDrop().forEach(cap -> flags.add("--cap-drop=" + cap));
            sc.getCapabilities().getAdd().forEach(cap -> flags.add("--cap-add=" + cap));
        }
        if (sc.getSeccompProfile() != null && !"RuntimeDefault".equals(sc.getSeccompProfile().getType())) {
            throw new IllegalArgumentException("seccomp profile " + sc.getSeccompProfile().getType() + " not reproduced");
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null) {
                throw new IllegalArgumentException("env " + e.getName() + " comes from elsewhere; not reproduced");
            }
            flags.add("--env=" + e.getName() + "=" + e.getValue());
        }
        Quantity memory = c.getResources().getLimits().get("memory");
        if (memory != null) {
            flags.add("--memory=" + Quantity.getAmountInBytes(memory).toBigInteger());
        }
        Quantity cpu = c.getResources().getLimits().get("cpu");
        if (cpu != null) {
            flags.add("--cpus=" + Quantity.getAmountInBytes(cpu).stripTrailingZeros().toPlainString());
        }
        for (VolumeMount m : c.getVolumeMounts()) {
            Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
            if (v.getEmptyDir() == null) {
                throw new IllegalArgumentException("volume " + v.getName() + " is not an emptyDir; not reproduced");
            }
            String size = v.getEmptyDir().getSizeLimit() == null ? ""
                    : ",size=" + Quantity.getAmountInBytes(v.getEmptyDir().getSizeLimit()).toBigInteger();
            flags.add("--tmpfs=" + m.getMountPath() + ":rw,mode=1777" + size);
        }
        return flags;
    }
}
