package dev.portprobe.cli;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Run by {@link ShadedJarTest} on a JVM whose classpath starts with the shaded jar: for each {@code apiVersion kind}
 * argument, deserialises a minimal object of that kind through fabric8 (its KubernetesDeserializer and the jar's
 * curated services file) and prints {@code apiVersion kind class}. Only fabric8 and the JDK are used, so every class it
 * reaches comes from the jar.
 */
public final class ShadedKinds {
    private ShadedKinds() {
    }

    public static void main(String[] args) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String apiVersion = args[i];
            String kind = args[i + 1];
            String json = kind.endsWith("List")
                    ? "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"items\":[]}"
                    : "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"x\"}}";
            KubernetesResource read = serialization.unmarshal(json, KubernetesResource.class);
            System.out.println(apiVersion + " " + kind + " " + read.getClass().getName());
        }
    }
}
