package dev.portprobe.reftable;

/**
 * What the table does not say.
 *
 * @param name      the profile name; null derives it from the file name
 * @param namespace the namespace to write into the profile; null writes none (the run then uses --namespace or the
 *                  current context's namespace)
 */
public record ImportOptions(String name, String namespace) {
    public static final ImportOptions DEFAULT = new ImportOptions(null, null);
}
