package dev.portprobe.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.KubeAccess;
import dev.portprobe.resolve.KubeOptions;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A create that meets 409: the run's own object (its POST sent again by the transport after the server took the
 * first) is remembered and deleted; an object that is not the run's is an error and is left alone.
 */
@EnableKubernetesMockClient(crud = true)
class CreatedObjectsTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private final List<String> sink = new CopyOnWriteArrayList<>();

    private CreatedObjects objects() {
        return new CreatedObjects(KubeAccess.of(client, new KubeOptions(null, null, null, Duration.ofSeconds(10))),
                sink::add);
    }

    private static ServiceAccount account() {
        return new ServiceAccountBuilder().withNewMetadata().withName("portprobe-x7k2q").withNamespace("gloo-system")
                .endMetadata().build();
    }

    @Test
    void aConflictOnTheRunsOwnObjectIsThatObjectAndItIsDeleted() throws Exception {
        CreatedObjects objects = objects();
        objects.create(account());
        objects.create(account()); // as a POST sent twice: the server has the first, the second answers 409

        assertThat(objects.list()).contains("ServiceAccount gloo-system/portprobe-x7k2q");
        objects.deleteAll();
        assertThat(client.serviceAccounts().inNamespace("gloo-system").withName("portprobe-x7k2q").get()).isNull();
        assertThat(sink).isEmpty();
    }

    @Test
    void aConflictOnAnObjectOfAnotherRunIsAnErrorAndThatObjectIsLeftAlone() throws Exception {
        client.resource(account()).create(); // left behind by someone else: no token of this run
        CreatedObjects objects = objects();

        assertThatThrownBy(() -> objects.create(account())).isInstanceOf(ClusterAccessException.class);
        assertThat(objects.isEmpty()).isTrue();
        objects.deleteAll();
        assertThat(client.serviceAccounts().inNamespace("gloo-system").withName("portprobe-x7k2q").get()).isNotNull();

        // nor is another run's object adopted, though it bears a token: not this run's
        client.serviceAccounts().inNamespace("gloo-system").withName("portprobe-x7k2q").delete();
        CreatedObjects other = objects();
        other.create(account());
        assertThatThrownBy(() -> objects().create(account())).isInstanceOf(ClusterAccessException.class);
        other.deleteAll();
    }
}
