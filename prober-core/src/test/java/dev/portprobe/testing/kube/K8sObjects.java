package dev.portprobe.testing.kube;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small builders for the objects a real install has, shaped as the API server returns them. */
public final class K8sObjects {
    private K8sObjects() {
    }

    /** A container port, named or not ({@code name} null). */
    public static ContainerPort containerPort(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
    }

    public static Pod pod(String ns, String name, Map<String, String> labels, String ip, boolean ready,
                          List<ContainerPort> ports) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(name.replaceAll("-[a-z0-9]+-[a-z0-9]+$", ""))
                .withImage("quay.io/solo-io/" + name.replaceAll("-[a-z0-9]+-[a-z0-9]+$", "") + ":1.17.0")
                .withPorts(ports).endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    /** A Service port: {@code target} is an Integer or a String (a named target port). */
    public static ServicePort servicePort(String name, int port, Object target) {
        IntOrString t = target instanceof Integer i ? new IntOrString(i) : new IntOrString((String) target);
        return new ServicePortBuilder().withName(name).withPort(port).withTargetPort(t).withProtocol("TCP").build();
    }

    public static Service service(String ns, String name, Map<String, String> selector, ServicePort... ports) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).withLabels(Map.of("app", "gloo")).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(selector).withPorts(ports).endSpec()
                .build();
    }

    /** An endpoint of a slice: the pod, its IP and whether it is ready. */
    public record Ep(String pod, String ip, boolean ready) {
    }

    /** The EndpointSlice the controller makes for {@code service}: {@code ports} are name=number pairs. */
    public static EndpointSlice slice(String ns, String service, Map<String, Integer> ports, Ep... endpoints) {
        List<EndpointPort> ps = new ArrayList<>();
        ports.forEach((name, number) ->
                ps.add(new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP").build()));
        List<Endpoint> es = new ArrayList<>();
        for (Ep e : endpoints) {
            es.add(new EndpointBuilder().withAddresses(e.ip())
                    .withNewConditions().withReady(e.ready()).withServing(e.ready()).withTerminating(false).endConditions()
                    .withNewTargetRef().withKind("Pod").withNamespace(ns).withName(e.pod()).endTargetRef()
                    .withNodeName("k3s-node-1").build());
        }
        return new EndpointSliceBuilder()
                .withNewMetadata().withNamespace(ns).withName(service + "-x7k2p")
                .withLabels(Map.of("kubernetes.io/service-name", service,
                        "endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"))
                .endMetadata()
                .withAddressType("IPv4").withPorts(ps).withEndpoints(es)
                .build();
    }

    public static Deployment deployment(String ns, String name, Map<String, String> matchLabels) {
        return new DeploymentBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(matchLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(matchLabels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("quay.io/solo-io/" + name + ":1.17.0")
                .endContainer().endSpec().endTemplate().endSpec()
                .build();
    }

    public static StatefulSet statefulSet(String ns, String name, Map<String, String> matchLabels) {
        return new StatefulSetBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withReplicas(1).withServiceName(name).withNewSelector().withMatchLabels(matchLabels)
                .endSelector().withNewTemplate().withNewMetadata().withLabels(matchLabels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(name).endContainer().endSpec()
                .endTemplate().endSpec()
                .build();
    }
}
