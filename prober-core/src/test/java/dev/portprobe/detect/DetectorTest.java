package dev.portprobe.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The matching rules of {@link Detector}, on inventories made in memory (the cluster side is tested in the CLI). */
class DetectorTest {
    private static List<Profile> builtins() throws InputException {
        List<Profile> out = new ArrayList<>();
        for (String name : ProfileLoader.builtinNames()) {
            out.add(ProfileLoader.builtin(name));
        }
        return out;
    }

    private static Inventory.Item item(String ns, String name, Map<String, String> labels) {
        return new Inventory.Item(ns, name, labels);
    }

    private static List<String> names(List<Detection> found) {
        return found.stream().map(d -> d.namespace() + "/" + d.profile()).toList();
    }

    @Test
    void findsNothingInAnEmptyCluster() throws InputException {
        assertThat(new Detector(builtins()).detect(new Inventory(List.of(), List.of()))).isEmpty();
    }

    @Test
    void findsIstioByItsServiceAndTheSelectorOfItsDeploymentInAnyNamespace() throws InputException {
        Inventory istio = new Inventory(List.of(item("mesh", "istiod", null)),
                List.of(item("mesh", "istiod-1-27", Map.of("app", "istiod", "istio", "pilot", "revision", "1-27"))));
        List<Detection> found = new Detector(builtins()).detect(istio);
        assertThat(names(found)).containsExactly("mesh/istio");
        assertThat(found.get(0).evidence()).containsExactly("Service istiod", "Deployment istiod-1-27 (app=istiod,istio=pilot)");
        assertThat(found.get(0).command()).isEqualTo("portprobe probe -p istio -n mesh");
    }

    @Test
    void aServiceWithoutAnyOfTheProfilesWorkloadsIsNotEnough() throws InputException {
        Inventory onlyService = new Inventory(List.of(item("istio-system", "istiod", null)), List.of());
        assertThat(new Detector(builtins()).detect(onlyService)).isEmpty();
    }

    @Test
    void enterpriseHidesTheOpenSourceProfileItExtendsAndNamesItsMtlsVariant() throws InputException {
        List<Inventory.Item> services = new ArrayList<>();
        for (String s : List.of("gloo", "gateway", "gateway-proxy", "gloo-fed-console", "extauth", "rate-limit", "redis")) {
            services.add(item("gloo-system", s, null));
        }
        Inventory gloo = new Inventory(services, List.of(item("gloo-system", "gloo", Map.of("gloo", "gloo"))));
        List<Detection> found = new Detector(builtins()).detect(gloo);
        assertThat(names(found)).containsExactly("gloo-system/gloo-mesh-enterprise");
        assertThat(found.get(0).variants()).containsExactly("gloo-mesh-enterprise-mtls");

        Inventory oss = new Inventory(services.subList(0, 3), gloo.deployments());
        List<Detection> ossFound = new Detector(builtins()).detect(oss);
        assertThat(names(ossFound)).containsExactly("gloo-system/gloo-mesh-oss");
        assertThat(ossFound.get(0).variants()).containsExactly("gloo-mesh-oss-mtls");
    }

    @Test
    void theClusterCoreIsFoundInKubeSystemAndDefault() throws InputException {
        Inventory core = new Inventory(
                List.of(item("default", "kubernetes", null), item("kube-system", "kube-dns", null)),
                List.of(item("kube-system", "coredns", Map.of("k8s-app", "kube-dns"))));
        assertThat(names(new Detector(builtins()).detect(core)))
                .containsExactly("default/kubernetes-api", "kube-system/kubernetes-core");
    }
}
