package dev.portprobe.detect;

import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches profiles against an inventory. A profile applies to a namespace when every Service it requires (those not
 * {@code optional}) is there and, if it lists workloads, at least one of them is a Deployment there (by its selector
 * on the pod labels, else by name). A profile without a required Service is never detected: it would match anywhere.
 *
 * <p>Then the most specific wins: where a profile and one that extends it with more required Services both apply
 * (gloo-mesh-oss and gloo-mesh-enterprise), only the extension is kept; an extension with the same required Services
 * (an mTLS variant) cannot be told apart from its base by the inventory, so it is named as a variant of the base.
 */
public final class Detector {
    private final List<Profile> profiles;

    /** @param profiles the candidates, in the order detections are listed (the built-in index's) */
    public Detector(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /** Every detection, by namespace (sorted) and then in the candidates' order. */
    public List<Detection> detect(Inventory inventory) {
        List<Detection> out = new ArrayList<>();
        for (String ns : inventory.namespaces()) {
            List<Profile> applying = new ArrayList<>();
            Map<String, List<String>> evidence = new java.util.HashMap<>();
            for (Profile p : profiles) {
                evidence(p, ns, inventory).ifPresent(e -> {
                    applying.add(p);
                    evidence.put(p.name(), e);
                });
            }
            for (Profile p : applying) {
                if (applying.stream().anyMatch(q -> extendsWithMore(q, p))) {
                    continue;
                }
                if (applying.stream().anyMatch(q -> isVariantOf(p, q))) {
                    continue;
                }
                List<String> variants = applying.stream().filter(q -> isVariantOf(q, p)).map(Profile::name).toList();
                out.add(new Detection(p.name(), ns, evidence.get(p.name()), variants));
            }
        }
        return out;
    }

    private static Optional<List<String>> evidence(Profile p, String ns, Inventory inventory) {
        Set<String> required = required(p);
        if (required.isEmpty() || !required.stream().allMatch(s -> inventory.hasService(ns, s))) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>();
        found.add((required.size() == 1 ? "Service " : "Services ") + String.join(", ", required));
        if (p.workloads().isEmpty()) {
            return Optional.of(found);
        }
        for (WorkloadSpec w : p.workloads()) {
            Optional<Inventory.Item> d = inventory.deployment(ns, w.name(), w.selector());
            if (d.isPresent()) {
                found.add("Deployment " + d.get().name() + (w.selector().isEmpty() ? "" : " (" + labels(w.selector()) + ")"));
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static String labels(Map<String, String> selector) {
        return selector.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static Set<String> required(Profile p) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceSpec s : p.services()) {
            if (!s.optional()) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** True when {@code q} extends {@code p} and requires Services that {@code p} does not. */
    private static boolean extendsWithMore(Profile q, Profile p) {
        return p.name().equals(q.extendsName()) && required(q).containsAll(required(p))
                && required(q).size() > required(p).size();
    }

    /** True when {@code q} extends {@code p} and requires the same Services. */
    private static boolean isVariantOf(Profile q, Profile p) {
        return p.name().equals(q.extendsName()) && required(q).equals(required(p));
    }
}
