package dev.portprobe.detect;

import java.util.List;

/**
 * A built-in profile that applies to a namespace of the cluster.
 *
 * @param profile  the built-in profile's name
 * @param namespace where its components were found
 * @param evidence what was found, e.g. "Service istiod", "Deployment istiod (app=istiod,istio=pilot)"
 * @param variants built-in profiles that extend it with the same Services (mTLS variants): the inventory cannot tell
 *                 them apart, so they are named, not detected
 */
public record Detection(String profile, String namespace, List<String> evidence, List<String> variants) {
    public Detection {
        evidence = List.copyOf(evidence);
        variants = List.copyOf(variants);
    }

    /** The command that probes this install alone. */
    public String command() {
        return "portprobe probe -p " + profile + " -n " + namespace;
    }
}
