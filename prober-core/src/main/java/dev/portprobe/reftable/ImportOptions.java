package dev.portprobe.reftable;

import dev.portprobe.InputException;
import dev.portprobe.profile.Names;
import dev.portprobe.profile.Texts;
import java.util.Map;

/**
 * What the table does not say.
 *
 * @param name      the profile name; null derives it from the file name
 * @param namespace the namespace to write into the profile; null writes none (the run then uses --namespace or the
 *                  current context's namespace)
 * @param columns   {@code --columns}: role (port, protocol, usage, component, service, target, target-port, reach)
 *                  to the header text of the column that plays it, for pages whose headers are unusual
 * @param component {@code --component}: the component of every row of a table without a component column (a page
 *                  that describes one component); null takes it from the headings
 */
public record ImportOptions(String name, String namespace, Map<String, String> columns, String component) {
    public static final ImportOptions DEFAULT = new ImportOptions(null, null);

    public ImportOptions {
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        if (columns != null) {
            columns.forEach((k, v) -> roles.put(k.strip().toLowerCase(java.util.Locale.ROOT), v == null ? "" : v));
        }
        columns = Map.copyOf(roles);
    }

    public ImportOptions(String name, String namespace) {
        this(name, namespace, Map.of(), null);
    }

    /** The profile name to write ({@code name}, else "imported"), once {@code --name} and {@code --namespace} are valid. */
    public String checkedName() throws InputException {
        String n = name == null ? "imported" : name;
        if (!Names.isName(n)) {
            throw new InputException("--name", 0, Texts.quote(n)
                    + " is not a valid profile name (lower-case letters, digits, '-' and '.')");
        }
        if (namespace != null && !Names.isLabel(namespace)) {
            throw new InputException("--namespace", 0, Texts.quote(namespace)
                    + " is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63)");
        }
        return n;
    }

    ImportOptions withName(String newName) {
        return new ImportOptions(newName, namespace, columns, component);
    }
}
