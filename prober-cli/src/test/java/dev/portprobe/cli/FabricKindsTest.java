package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar's fabric8 services file (src/main/shade/fabric8-kinds.services, which the shade plugin puts in place of
 * the model jars' own) lists exactly the kinds the model jars on the classpath register for the API groups portprobe
 * reads or writes: core, apps, batch, discovery and rbac. A fabric8 upgrade that adds, renames or drops a kind of those
 * groups fails here until the file is regenerated.
 */
class FabricKindsTest {
    private static final String SERVICES = "META-INF/services/" + KubernetesResource.class.getName();
    /** The packages of core (without its lifecycle and clusterapi extras), apps, batch, discovery and rbac. */
    private static final Pattern KEPT = Pattern.compile(
            "io\\.fabric8\\.kubernetes\\.api\\.model\\.((apps|rbac|batch\\.\\w+|discovery\\.\\w+)\\.)?[A-Z]\\w*");

    private static List<String> kinds(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void theCuratedListIsEveryKindOfTheGroupsPortprobeUses() throws IOException {
        Set<String> registered = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(SERVICES))) {
            try (InputStream in = url.openStream()) {
                registered.addAll(kinds(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        assertThat(registered).as("kinds the model jars register").hasSizeGreaterThan(100);
        Set<String> expected = new TreeSet<>(registered.stream().filter(k -> KEPT.matcher(k).matches()).toList());

        List<String> curated = kinds(Files.readString(Path.of("src", "main", "shade", "fabric8-kinds.services")));
        assertThat(curated).as("sorted, no duplicates").isSorted().doesNotHaveDuplicates();
        assertThat(curated).containsExactlyElementsOf(expected)
                .contains("io.fabric8.kubernetes.api.model.Service", "io.fabric8.kubernetes.api.model.apps.Deployment",
                        "io.fabric8.kubernetes.api.model.batch.v1.Job",
                        "io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice",
                        "io.fabric8.kubernetes.api.model.rbac.Role");
    }
}
