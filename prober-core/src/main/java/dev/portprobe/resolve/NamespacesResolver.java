package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several namespaces ({@code -n a -n b}) in one run: one resolver of the same mode per namespace, each check sent to
 * the resolver of its own {@link Check#namespace()}. Closes them all.
 */
public final class NamespacesResolver implements Resolver {
    private final Map<String, Resolver> byNamespace;

    /** @param byNamespace one resolver per namespace, in the order to probe them; at least two */
    public NamespacesResolver(Map<String, Resolver> byNamespace) {
        if (byNamespace.size() < 2) {
            throw new IllegalArgumentException("several namespaces are needed");
        }
        this.byNamespace = new LinkedHashMap<>(byNamespace);
    }

    @Override
    public String mode() {
        return byNamespace.values().iterator().next().mode();
    }

    /** Null: there are several ({@link #namespaces()}). */
    @Override
    public String namespace() {
        return null;
    }

    @Override
    public List<String> namespaces() {
        return List.copyOf(byNamespace.keySet());
    }

    @Override
    public List<Resolution> resolveAll(List<Check> checks) throws ClusterAccessException {
        Map<String, List<Check>> split = new LinkedHashMap<>();
        for (Check c : checks) {
            if (!byNamespace.containsKey(c.namespace())) {
                throw new IllegalArgumentException("check " + c.id() + " is in namespace " + c.namespace()
                        + ", which this run does not probe");
            }
            split.computeIfAbsent(c.namespace(), ns -> new ArrayList<>()).add(c);
        }
        Map<Check, Resolution> resolved = new IdentityHashMap<>(checks.size() * 2);
        for (Map.Entry<String, List<Check>> e : split.entrySet()) {
            for (Resolution r : byNamespace.get(e.getKey()).resolveAll(e.getValue())) {
                resolved.put(r.check(), r);
            }
        }
        List<Resolution> out = new ArrayList<>(checks.size());
        for (Check c : checks) {
            out.add(resolved.get(c));
        }
        return out;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        byNamespace.values().forEach(r -> notes.addAll(r.notes()));
        return notes;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Resolver r : byNamespace.values()) {
            try {
                r.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
