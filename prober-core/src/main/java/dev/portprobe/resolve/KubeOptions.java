package dev.portprobe.resolve;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach the Kubernetes API, with kubectl's meaning.
 *
 * @param kubeconfig    {@code --kubeconfig}; null reads {@code $KUBECONFIG}, then {@code ~/.kube/config}
 * @param context       {@code --context}; null uses the kubeconfig's current context
 * @param namespaceFlag {@code -n/--namespace}; null lets the profile (then the context) choose
 * @param timeout       the run's {@code --timeout}: bounds every API request and, with the retries, every API call
 */
public record KubeOptions(Path kubeconfig, String context, String namespaceFlag, Duration timeout) {
    public KubeOptions {
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        context = blankToNull(context);
        namespaceFlag = blankToNull(namespaceFlag);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
