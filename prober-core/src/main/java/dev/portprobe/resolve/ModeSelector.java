package dev.portprobe.resolve;

import dev.portprobe.InputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the mode for {@code --mode auto}: in-cluster when a service account is mounted and
 * {@code KUBERNETES_SERVICE_HOST} is set; else port-forward when a kubeconfig exists; else an error that names the
 * ways out. Direct targets ({@code --target}, {@code --host}) choose direct mode, and an explicit {@code --kubeconfig}
 * chooses port-forward even inside a pod (as kubectl prefers it over the service account).
 */
public final class ModeSelector {

    public enum Mode {
        AUTO("auto"), DIRECT("direct"), PORT_FORWARD("port-forward"), IN_CLUSTER("in-cluster");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** The word used by --mode and in reports. */
        public String id() {
            return id;
        }

        public static Mode fromId(String text) throws InputException {
            String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst().orElseThrow(() ->
                    new InputException(null, 0, "invalid mode '" + text + "': use auto, direct, port-forward or in-cluster"));
        }
    }

    /**
     * What the choice depends on.
     *
     * @param kubeconfigFlag {@code --kubeconfig}, or null
     * @param env            the process environment ({@code KUBECONFIG}, {@code HOME})
     * @param account        the pod's service account (present or not)
     * @param directTargets  {@code --target} or {@code --host} was given
     */
    public record Inputs(Path kubeconfigFlag, Map<String, String> env, ServiceAccount account, boolean directTargets) {
        public Inputs {
            env = Map.copyOf(env);
        }
    }

    private ModeSelector() {
    }

    /** The mode to run in; {@code requested} itself unless it is AUTO. */
    public static Mode select(Mode requested, Inputs in) throws InputException {
        if (requested != Mode.AUTO) {
            return requested;
        }
        if (in.directTargets()) {
            return Mode.DIRECT;
        }
        if (in.kubeconfigFlag() != null) {
            return Mode.PORT_FORWARD; // asked for by name; a missing file is reported when it is read
        }
        if (in.account() != null && in.account().present()) {
            return Mode.IN_CLUSTER;
        }
        if (kubeconfigExists(in)) {
            return Mode.PORT_FORWARD;
        }
        throw new InputException(null, 0, "--mode auto found no cluster: no service account is mounted and no kubeconfig "
                + "exists (--kubeconfig, $KUBECONFIG, ~/.kube/config); use --mode direct --host HOST to probe addresses "
                + "you give, or 'portprobe demo' to try it without a cluster");
    }

    /** True when one of $KUBECONFIG's files, or else ~/.kube/config, is a file. */
    static boolean kubeconfigExists(Inputs in) {
        String list = in.env().get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            return Arrays.stream(list.split(File.pathSeparator)).filter(s -> !s.isBlank())
                    .anyMatch(s -> Files.isRegularFile(Path.of(s)));
        }
        String home = in.env().getOrDefault("HOME", System.getProperty("user.home"));
        return home != null && Files.isRegularFile(Path.of(home, ".kube", "config"));
    }
}
