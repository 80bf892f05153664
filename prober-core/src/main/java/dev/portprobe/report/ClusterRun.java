package dev.portprobe.report;

/**
 * One cluster of a fleet run, as the report names it.
 *
 * @param name       the fleet file's name for it, or the context when it was given with {@code --context}
 * @param context    the kube context; every result probed in this cluster carries it as {@code cluster}
 * @param profile    the profile run there
 * @param namespace  the namespace probed there, or null when the profile's default was used and never resolved
 * @param durationMs how long its run took
 * @param error      one line saying why the cluster could not be reached or read (exit 3), or null
 */
public record ClusterRun(String name, String context, String profile, String namespace, long durationMs,
                         String error) {

    /** "NAME (context CTX)", or the context alone when the two are the same. */
    public String label() {
        return name.equals(context) ? name : name + " (context " + context + ")";
    }
}
