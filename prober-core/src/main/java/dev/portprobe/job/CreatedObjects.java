package dev.portprobe.job;

import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What a run created, so that it can be deleted on every path. Thread-safe: the run thread creates, and a shutdown hook
 * may delete at any moment; once {@link #deleteAll} has run, nothing more is created.
 */
final class CreatedObjects {
    private final KubeAccess access;
    private final KubernetesClient client;
    private final Consumer<String> sink;
    /** The annotation that marks an object with the run that created it (a random token, one per run). */
    static final String CREATED_BY = "portprobe.dev/created-by-run";
    private static final int HTTP_CONFLICT = 409;

    private final List<HasMetadata> created = new ArrayList<>();
    private final String token = UUID.randomUUID().toString();
    private String podLabelNamespace;
    private String podLabelValue;
    private boolean closed;

    CreatedObjects(KubeAccess access, Consumer<String> sink) {
        this.access = access;
        this.client = access.client();
        this.sink = sink;
    }

    /**
     * Creates {@code object} and remembers it; refuses once cleanup has started. Not retried by this class, but the
     * transport may send a POST again when its connection fails after the server took the first one: the second then
     * fails with 409 while the object exists. Every object is marked with this run's {@link #CREATED_BY} token, so a
     * 409 on an object that bears it is this run's own create, remembered for the cleanup like any other; a 409 on an
     * object without it (another run's, or one left behind) is an error, never adopted.
     */
    synchronized void create(HasMetadata object) throws InterruptedException, ClusterAccessException {
        if (closed) {
            throw new InterruptedException("job run cancelled");
        }
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(object.getMetadata().getAnnotations());
        annotations.put(CREATED_BY, token);
        object.getMetadata().setAnnotations(annotations);
        try {
            created.add(client.resource(object).create());
        } catch (KubernetesClientException e) {
            HasMetadata ours = e.getCode() == HTTP_CONFLICT ? ownExisting(object) : null;
            if (ours == null) {
                throw access.failure(e, "create", resource(object), object.getMetadata().getNamespace());
            }
            created.add(ours);
        }
    }

    /** The object of that name as the server holds it, if this run created it; else null. */
    private HasMetadata ownExisting(HasMetadata object) {
        try {
            HasMetadata existing = client.resource(object).get();
            return existing != null && existing.getMetadata().getAnnotations() != null
                    && token.equals(existing.getMetadata().getAnnotations().get(CREATED_BY)) ? existing : null;
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    /** The resource as kubectl names it: {@code serviceaccounts}, {@code roles.rbac.authorization.k8s.io}. */
    static String resource(HasMetadata o) {
        String group = HasMetadata.getGroup(o.getClass());
        return o.getPlural() + (group == null || group.isEmpty() ? "" : "." + group);
    }

    /** Also deletes the Job's pods (the mock server, unlike a cluster, has no garbage collector; a cluster may lag). */
    synchronized void podsLabelled(String namespace, String instance) {
        podLabelNamespace = namespace;
        podLabelValue = instance;
    }

    synchronized boolean isEmpty() {
        return created.isEmpty();
    }

    /** Deletes everything created, newest first (the Job before its RBAC), then the Job's pods. Idempotent. */
    synchronized void deleteAll() {
        closed = true;
        for (int i = created.size() - 1; i >= 0; i--) {
            HasMetadata o = created.get(i);
            try {
                client.resource(o).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            } catch (KubernetesClientException e) {
                sink.accept("could not delete " + describe(o) + ": " + e.getMessage() + "; delete it with: kubectl delete "
                        + o.getKind().toLowerCase(Locale.ROOT) + " " + o.getMetadata().getName()
                        + (o.getMetadata().getNamespace() == null ? "" : " -n " + o.getMetadata().getNamespace()));
            }
        }
        created.clear();
        if (podLabelValue != null) {
            try {
                client.pods().inNamespace(podLabelNamespace).withLabel(JobManifests.INSTANCE_LABEL, podLabelValue)
                        .delete();
            } catch (KubernetesClientException e) {
                sink.accept("could not delete the pods labelled " + JobManifests.INSTANCE_LABEL + "=" + podLabelValue
                        + ": " + e.getMessage());
            }
            podLabelValue = null;
        }
    }

    /** Whether cleanup has started (a cancelled run stops waiting). */
    synchronized boolean closed() {
        return closed;
    }

    /** "left in the cluster: Job gloo-system/portprobe-x7k2q, ..." for --keep. */
    synchronized String list() {
        return String.join(", ", created.stream().map(CreatedObjects::describe).toList());
    }

    static String describe(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return o.getKind() + " " + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
    }
}
