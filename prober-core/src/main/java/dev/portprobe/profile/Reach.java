package dev.portprobe.profile;

/** Where a port can be reached from. */
public enum Reach {
    /** Reachable through the pod IP and, when a Service targets it, the Service. */
    NETWORK,
    /** Bound to 127.0.0.1 inside the pod (Envoy admin): only a port-forward reaches it. */
    POD_LOCAL;

    public String id() {
        return this == POD_LOCAL ? "pod-local" : "network";
    }
}
