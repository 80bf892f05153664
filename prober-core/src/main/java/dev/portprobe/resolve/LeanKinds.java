package dev.portprobe.resolve;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods, Deployments, StatefulSets, Services and EndpointSlices as resolution reads them, listed as generic resources
 * (maps) rather than through fabric8's typed model. A typed Pod, or a workload's pod template, makes Jackson build a
 * deserialiser for every type a PodSpec can hold (30 kinds of volume, probes, affinity, security contexts: about 400
 * classes) the first time one is read, which cost a short port-forward run more CPU than its probes; a typed Service
 * and EndpointSlice list cost a cold JVM about 100 ms more than the same lists read as maps. Only the fields
 * resolution uses are copied into fabric8's model objects: a pod's name, labels and deletion time (its typed
 * metadata), its containers' named ports, and its phase, IP and conditions; a workload's pod selector; a Service's
 * type, selector and ports; an EndpointSlice's address type, endpoints and ports.
 */
final class LeanKinds {
    static final ResourceDefinitionContext PODS = ResourceDefinitionContext.fromResourceType(Pod.class);
    static final ResourceDefinitionContext DEPLOYMENTS = ResourceDefinitionContext.fromResourceType(Deployment.class);
    static final ResourceDefinitionContext STATEFUL_SETS = ResourceDefinitionContext.fromResourceType(StatefulSet.class);
    static final ResourceDefinitionContext SERVICES = ResourceDefinitionContext.fromResourceType(Service.class);
    static final ResourceDefinitionContext ENDPOINT_SLICES = ResourceDefinitionContext.fromResourceType(EndpointSlice.class);

    private LeanKinds() {
    }

    /** The pod, with only what {@link Pods} and the resolution read. */
    static Pod pod(GenericKubernetesResource r) {
        Pod pod = new Pod();
        pod.setMetadata(r.getMetadata());
        Map<String, Object> spec = map(r.get("spec"));
        if (spec != null) {
            PodSpec s = new PodSpec();
            List<Container> containers = new ArrayList<>();
            for (Map<String, Object> c : maps(spec.get("containers"))) {
                Container container = new Container();
                container.setName(string(c.get("name")));
                List<ContainerPort> ports = new ArrayList<>();
                for (Map<String, Object> p : maps(c.get("ports"))) {
                    ContainerPort port = new ContainerPort();
                    port.setName(string(p.get("name")));
                    port.setContainerPort(integer(p.get("containerPort")));
                    port.setProtocol(string(p.get("protocol")));
                    ports.add(port);
                }
                container.setPorts(ports);
                containers.add(container);
            }
            s.setContainers(containers);
            pod.setSpec(s);
        }
        Map<String, Object> status = map(r.get("status"));
        if (status != null) {
            PodStatus s = new PodStatus();
            s.setPhase(string(status.get("phase")));
            s.setPodIP(string(status.get("podIP")));
            List<PodCondition> conditions = new ArrayList<>();
            for (Map<String, Object> c : maps(status.get("conditions"))) {
                PodCondition condition = new PodCondition();
                condition.setType(string(c.get("type")));
                condition.setStatus(string(c.get("status")));
                conditions.add(condition);
            }
            s.setConditions(conditions);
            pod.setStatus(s);
        }
        return pod;
    }

    /** The Service, with its metadata, type, cluster IP, external name, selector and ports. */
    static Service service(GenericKubernetesResource r) {
        Service svc = new Service();
        svc.setMetadata(r.getMetadata());
        Map<String, Object> spec = map(r.get("spec"));
        if (spec != null) {
            ServiceSpec s = new ServiceSpec();
            s.setType(string(spec.get("type")));
            s.setClusterIP(string(spec.get("clusterIP")));
            s.setExternalName(string(spec.get("externalName")));
            Map<String, String> selector = strings(spec.get("selector"));
            if (selector != null) {
                s.setSelector(selector); // else the model's own empty map, as the typed Service has
            }
            List<ServicePort> ports = new ArrayList<>();
            for (Map<String, Object> p : maps(spec.get("ports"))) {
                ServicePort port = new ServicePort();
                port.setName(string(p.get("name")));
                port.setPort(integer(p.get("port")));
                Object target = p.get("targetPort");
                port.setTargetPort(target instanceof Number n ? new IntOrString(n.intValue())
                        : target == null ? null : new IntOrString(target.toString()));
                port.setProtocol(string(p.get("protocol")));
                port.setAppProtocol(string(p.get("appProtocol")));
                port.setNodePort(integer(p.get("nodePort")));
                ports.add(port);
            }
            s.setPorts(ports);
            svc.setSpec(s);
        }
        return svc;
    }

    /** The EndpointSlice, with its metadata, address type, endpoints and ports. */
    static EndpointSlice slice(GenericKubernetesResource r) {
        EndpointSlice slice = new EndpointSlice();
        slice.setMetadata(r.getMetadata());
        slice.setAddressType(string(r.get("addressType")));
        if (r.get("endpoints") != null) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Map<String, Object> e : maps(r.get("endpoints"))) {
                Endpoint endpoint = new Endpoint();
                List<String> addresses = new ArrayList<>();
                if (e.get("addresses") instanceof List<?> as) {
                    as.forEach(a -> addresses.add(string(a)));
                }
                endpoint.setAddresses(addresses);
                Map<String, Object> c = map(e.get("conditions"));
                if (c != null) {
                    EndpointConditions conditions = new EndpointConditions();
                    conditions.setReady(bool(c.get("ready")));
                    conditions.setServing(bool(c.get("serving")));
                    conditions.setTerminating(bool(c.get("terminating")));
                    endpoint.setConditions(conditions);
                }
                Map<String, Object> t = map(e.get("targetRef"));
                if (t != null) {
                    ObjectReference ref = new ObjectReference();
                    ref.setApiVersion(string(t.get("apiVersion")));
                    ref.setFieldPath(string(t.get("fieldPath")));
                    ref.setKind(string(t.get("kind")));
                    ref.setName(string(t.get("name")));
                    ref.setNamespace(string(t.get("namespace")));
                    ref.setResourceVersion(string(t.get("resourceVersion")));
                    ref.setUid(string(t.get("uid")));
                    endpoint.setTargetRef(ref);
                }
                endpoint.setNodeName(string(e.get("nodeName")));
                endpoint.setHostname(string(e.get("hostname")));
                endpoint.setZone(string(e.get("zone")));
                endpoints.add(endpoint);
            }
            slice.setEndpoints(endpoints);
        }
        if (r.get("ports") != null) {
            List<EndpointPort> ports = new ArrayList<>();
            for (Map<String, Object> p : maps(r.get("ports"))) {
                EndpointPort port = new EndpointPort();
                port.setName(string(p.get("name")));
                port.setPort(integer(p.get("port")));
                port.setProtocol(string(p.get("protocol")));
                port.setAppProtocol(string(p.get("appProtocol")));
                ports.add(port);
            }
            slice.setPorts(ports);
        }
        return slice;
    }

    /** A Deployment's or StatefulSet's {@code spec.selector}, or null when it has none. */
    static LabelSelector selector(GenericKubernetesResource workload) {
        Map<String, Object> sel = map(workload.get("spec", "selector"));
        if (sel == null) {
            return null;
        }
        LabelSelector out = new LabelSelector();
        Map<String, Object> labels = map(sel.get("matchLabels"));
        if (labels != null) {
            Map<String, String> matchLabels = new LinkedHashMap<>();
            labels.forEach((k, v) -> matchLabels.put(k, string(v)));
            out.setMatchLabels(matchLabels);
        }
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (Map<String, Object> e : maps(sel.get("matchExpressions"))) {
            LabelSelectorRequirement req = new LabelSelectorRequirement();
            req.setKey(string(e.get("key")));
            req.setOperator(string(e.get("operator")));
            List<String> values = new ArrayList<>();
            if (e.get("values") instanceof List<?> vs) {
                vs.forEach(v -> values.add(string(v)));
            }
            req.setValues(values);
            expressions.add(req);
        }
        out.setMatchExpressions(expressions);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> m = map(item);
                if (m != null) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    private static Boolean bool(Object o) {
        return o instanceof Boolean b ? b : null;
    }

    private static Map<String, String> strings(Object o) {
        Map<String, Object> m = map(o);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, string(v)));
        return out;
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }
}
