package dev.portprobe.resolve;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The port-forward results the API server spoiled during a run (probes run on the event loop, so this is
 * thread-safe): the first one's detail and how many, for the run's one-line message (exit code 3).
 */
final class ApiFailures {
    private final String cluster;
    private final String namespace;
    private final AtomicReference<ForwardError> first = new AtomicReference<>();
    private final AtomicReference<String> firstDetail = new AtomicReference<>();
    private final AtomicInteger count = new AtomicInteger();

    ApiFailures(String cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /** Forgets what was recorded: a new round begins. */
    void reset() {
        first.set(null);
        firstDetail.set(null);
        count.set(0);
    }

    void record(ForwardError error, String detail) {
        count.incrementAndGet();
        if (first.compareAndSet(null, error)) {
            firstDetail.set(detail);
        }
    }

    /** Null when nothing was recorded. */
    String summary() {
        ForwardError e = first.get();
        if (e == null) {
            return null;
        }
        int n = count.get();
        String spoiled = n == 1 ? "1 probe affected" : n + " probes affected";
        if (e.kind() == ForwardError.Kind.DENIED) {
            return (e.text().startsWith("401") ? "credentials rejected by cluster " + cluster + " (" + e.text()
                    + ") during the run when opening a port-forward in namespace " + namespace
                    : "access denied by cluster " + cluster + " during the run: cannot create pods/portforward in "
                    + "namespace " + namespace + " (" + e.text() + ")") + "; " + spoiled;
        }
        return "the API server of cluster " + cluster + " failed during the run: " + firstDetail.get() + "; "
                + spoiled + " (kubectl cluster-info)";
    }
}
