package dev.portprobe.manifest;

import dev.portprobe.InputException;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.Texts;
import dev.portprobe.profile.WorkloadSpec;
import dev.portprobe.reftable.ImportOptions;
import dev.portprobe.reftable.ImportWarning;
import dev.portprobe.reftable.ReferenceTableImporter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rendered Kubernetes manifests to a profile: one workload entry per Deployment, StatefulSet or DaemonSet with
 * container ports, one Service entry per Service, linked to the workload whose pods its selector matches. Every port
 * whose protocol was guessed, and every port left out, is a WARNING at the line of its entry; how the other ports
 * were decided is INFO.
 */
public final class ManifestImporter {
    private ManifestImporter() {
    }

    public static ManifestImport importFile(Path file, ImportOptions options) throws InputException {
        String text = ReferenceTableImporter.readText(file);
        String name = options.name() != null ? options.name() : ReferenceTableImporter.nameFromFile(file);
        return importText(file.toString(), text, new ImportOptions(name, options.namespace(), options.columns(),
                options.component()));
    }

    /** What messages call standard input ({@code --manifests -}): {@code <stdin>:LINE: ...}. */
    public static final String STDIN = "<stdin>";
    /** The profile's name when the manifests come from standard input and no --name is given. */
    public static final String STDIN_NAME = "manifests";

    /** Imports manifests read from standard input (or any stream): all of it, as UTF-8, named {@link #STDIN}. */
    public static ManifestImport importStream(java.io.InputStream in, ImportOptions options) throws InputException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new InputException(STDIN, 0, "cannot read: " + dev.portprobe.profile.Texts.oneLine(e.toString()), e);
        }
        String name = options.name() != null ? options.name() : STDIN_NAME;
        return importText(STDIN, ReferenceTableImporter.decode(STDIN, bytes), new ImportOptions(name,
                options.namespace(), options.columns(), options.component()));
    }

    /** Imports manifests text; {@code source} names it in messages and becomes the profile's source. */
    public static ManifestImport importText(String source, String text, ImportOptions options) throws InputException {
        String name = options.checkedName();
        if (!options.columns().isEmpty()) {
            throw new InputException("--columns", 0, "applies to Markdown tables only, not to --manifests");
        }
        List<ManifestReader.Located> objects = ManifestReader.read(source, text);
        for (ManifestReader.Located o : objects) {
            if (o.object().getMetadata() == null || o.object().getMetadata().getName() == null) {
                throw new InputException(source, o.line(), "this " + o.object().getKind() + " has no metadata.name");
            }
        }
        Assembly a = new Assembly(source);
        objects.forEach(o -> Workload.of(o).ifPresent(w -> a.workloads.putIfAbsent(w.name(), w)));
        for (ManifestReader.Located o : objects) {
            if (o.object() instanceof Service s) {
                a.service(s, o);
            }
        }
        a.workloads.values().forEach(a::workload);
        String namespace = options.namespace() != null ? options.namespace() : a.namespace(objects);
        Profile profile = new Profile(name, "Imported from the manifests " + fileName(source), null, namespace,
                a.workloadSpecs(), a.services, source);
        if (options.component() != null) {
            profile = only(profile, options.component(), source);
        }
        if (profile.services().isEmpty() && profile.workloads().isEmpty()) {
            throw new InputException(source, 0, "no Service and no Deployment, StatefulSet or DaemonSet with a container"
                    + " port: nothing to probe");
        }
        return new ManifestImport(profile, a.about(profile));
    }

    private static String fileName(String source) {
        int slash = source.lastIndexOf('/');
        return slash < 0 ? source : source.substring(slash + 1);
    }

    /** {@code --component}: the workload of that name and the Services that select it, or the Service of that name. */
    private static Profile only(Profile p, String component, String source) throws InputException {
        List<ServiceSpec> services = p.services().stream()
                .filter(s -> component.equals(s.name()) || component.equals(s.workload())).toList();
        Set<String> names = new LinkedHashSet<>();
        names.add(component);
        services.stream().map(ServiceSpec::workload).filter(Objects::nonNull).forEach(names::add);
        List<WorkloadSpec> workloads = p.workloads().stream().filter(w -> names.contains(w.name())).toList();
        if (services.isEmpty() && workloads.isEmpty()) {
            throw new InputException("--component", 0, "no workload or Service named " + Texts.quote(component) + " in "
                    + source);
        }
        return new Profile(p.name(), p.title(), null, p.namespace(), workloads, services, p.source());
    }

    /** The entries as they are built, and what was said about them. */
    private static final class Assembly {
        final String source;
        final Map<String, Workload> workloads = new LinkedHashMap<>();
        final Map<String, List<PortSpec>> workloadPorts = new LinkedHashMap<>();
        final Set<String> linked = new LinkedHashSet<>();
        final List<ServiceSpec> services = new ArrayList<>();
        final List<ImportWarning> warnings = new ArrayList<>();
        /** The workload or Service each warning is about (null: the whole file), for --component. */
        final Map<ImportWarning, String> owners = new java.util.IdentityHashMap<>();
        String owner;

        Assembly(String source) {
            this.source = source;
        }

        void warn(int line, String message) {
            add(new ImportWarning(line, ImportWarning.Level.WARNING, message));
        }

        void info(int line, String message) {
            add(new ImportWarning(line, ImportWarning.Level.INFO, message));
        }

        private void add(ImportWarning w) {
            warnings.add(w);
            owners.put(w, owner);
        }

        /** The warnings about the entries of {@code p} and the file as a whole, in line order. */
        List<ImportWarning> about(Profile p) {
            Set<String> kept = new LinkedHashSet<>();
            p.workloads().forEach(w -> kept.add(w.name()));
            p.services().forEach(s -> kept.add(s.name()));
            return warnings.stream().filter(w -> owners.get(w) == null || kept.contains(owners.get(w)))
                    .sorted(Comparator.comparingInt(ImportWarning::line)).toList();
        }

        void service(Service s, ManifestReader.Located at) {
            String name = s.getMetadata().getName();
            owner = name;
            String where = "Service " + name;
            if (services.stream().anyMatch(x -> x.name().equals(name))) {
                warn(at.line(), where + " is defined twice; the first one is kept");
                return;
            }
            if (s.getSpec() == null || "ExternalName".equals(s.getSpec().getType())) {
                info(at.line(), where + " is an ExternalName Service (no pods of its own): not probed");
                return;
            }
            Workload w = link(s, at);
            List<PortSpec> ports = new ArrayList<>();
            List<ServicePort> declared = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
            for (int i = 0; i < declared.size(); i++) {
                int line = at.line("/spec/ports/" + i);
                servicePort(where, name, w, declared.get(i), line).ifPresent(p -> {
                    if (ports.stream().anyMatch(q -> q.port() == p.port())) {
                        warn(line, where + " port " + p.port() + " is listed twice (a profile lists a port number"
                                + " once): the first is kept");
                    } else {
                        ports.add(p);
                    }
                });
            }
            if (ports.isEmpty()) {
                warn(at.line(), where + " has no port that can be probed: left out");
                return;
            }
            services.add(new ServiceSpec(name, w == null ? null : w.name(), false, ports, 0));
        }

        private Workload link(Service s, ManifestReader.Located at) {
            Map<String, String> selector = s.getSpec().getSelector() == null ? Map.of() : s.getSpec().getSelector();
            List<Workload> matched = workloads.values().stream().filter(w -> w.selectedBy(selector)).toList();
            String where = "Service " + s.getMetadata().getName();
            if (matched.isEmpty()) {
                warn(at.line(), where + (selector.isEmpty() ? " has no selector" : " selects " + selector
                        + ", which no workload's pods carry") + ": no workload is linked; a named targetPort cannot be"
                        + " resolved");
                return null;
            }
            if (matched.size() > 1) {
                warn(at.line(), where + " selects the pods of " + matched.stream().map(Workload::name).toList()
                        + "; linked to " + matched.get(0).name());
            }
            linked.add(matched.get(0).name());
            return matched.get(0);
        }

        private java.util.Optional<PortSpec> servicePort(String where, String service, Workload w, ServicePort sp,
                int line) {
            int port = sp.getPort() == null ? 0 : sp.getPort();
            String at = where + " port " + port + (sp.getName() == null ? "" : " (" + sp.getName() + ")");
            Integer target = null;
            Workload.Port container = null;
            if (sp.getTargetPort() != null && sp.getTargetPort().getStrVal() != null) {
                String named = sp.getTargetPort().getStrVal();
                container = w == null ? null : w.port(named).orElse(null);
                if (container == null) {
                    warn(line, at + ": targetPort " + Texts.quote(named) + " names no container port"
                            + (w == null ? "" : " of " + w.name()) + "; probed as if it were " + port);
                } else {
                    target = container.port().getContainerPort();
                }
            } else if (sp.getTargetPort() != null && sp.getTargetPort().getIntVal() != null) {
                target = sp.getTargetPort().getIntVal();
            }
            int effective = target == null ? port : target;
            if (container == null && w != null) {
                container = w.port(effective).orElse(null);
            }
            List<String> names = new ArrayList<>();
            names.add(sp.getName());
            if (container != null) {
                names.add(container.port().getName());
            }
            var facts = new PortInference.Facts(service, effective, sp.getProtocol(), sp.getAppProtocol(), names,
                    w == null ? List.of() : w.containers());
            PortInference.Decision d = PortInference.decide(facts);
            if (!note(line, at, d)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new PortSpec(port, target == null || target == port ? null : target,
                    sp.getName(), d.protocol(), "", http(d), grpc(d), null, d.reach(), false, 0));
        }

        void workload(Workload w) {
            owner = w.name();
            List<PortSpec> ports = new ArrayList<>();
            Set<Integer> seen = new LinkedHashSet<>();
            for (Workload.Port p : w.ports()) {
                Integer number = p.port().getContainerPort();
                String at = w.kind() + " " + w.name() + " container " + p.container().getName() + " port " + number
                        + (p.port().getName() == null ? "" : " (" + p.port().getName() + ")");
                if (number == null || !seen.add(number)) {
                    warn(p.line(), at + (number == null ? " has no containerPort: left out"
                            : " is listed twice (a profile lists a port number once): the first is kept"));
                    continue;
                }
                List<String> names = new ArrayList<>();
                names.add(p.port().getName());
                var facts = new PortInference.Facts(w.name(), number, p.port().getProtocol(), null, names, w.containers());
                PortInference.Decision d = PortInference.decide(facts);
                if (note(p.line(), at, d)) {
                    ports.add(new PortSpec(number, null, p.port().getName(), d.protocol(),
                            "container " + p.container().getName(), http(d), grpc(d), null, d.reach(), false, 0));
                }
            }
            workloadPorts.put(w.name(), ports);
        }

        /** Says how a port was decided; false when it cannot be probed. */
        private boolean note(int line, String at, PortInference.Decision d) {
            if (d.protocol() == null) {
                warn(line, at + ": " + d.why() + ": left out");
                return false;
            }
            if (d.guess()) {
                warn(line, at + ": protocol " + d.protocol().id() + " is a guess (" + d.why() + ")");
            } else {
                info(line, at + ": " + d.protocol().id() + " (" + d.why() + ")");
            }
            return true;
        }

        List<WorkloadSpec> workloadSpecs() {
            List<WorkloadSpec> out = new ArrayList<>();
            for (Workload w : workloads.values()) {
                List<PortSpec> ports = workloadPorts.getOrDefault(w.name(), List.of());
                if (ports.isEmpty() && !linked.contains(w.name())) {
                    continue;
                }
                // The resolver finds a Deployment's or StatefulSet's pods by its name; a DaemonSet's by its selector.
                Map<String, String> selector = w.kind().equals("DaemonSet") ? w.matchLabels() : Map.of();
                out.add(new WorkloadSpec(w.name(), selector, ports, 0));
            }
            return out;
        }

        /** The one namespace the objects name, or null when they name none or several. */
        String namespace(List<ManifestReader.Located> objects) {
            owner = null;
            Set<String> seen = new LinkedHashSet<>();
            objects.stream().map(ManifestReader.Located::object).map(HasMetadata::getMetadata)
                    .map(m -> m.getNamespace()).filter(Objects::nonNull).forEach(seen::add);
            if (seen.size() > 1) {
                warn(1, "the objects are in several namespaces " + seen + "; the profile names none (use --namespace)");
            }
            return seen.size() == 1 ? seen.iterator().next() : null;
        }
    }

    private static dev.portprobe.profile.HttpOptions http(PortInference.Decision d) {
        return d.httpPath() == null ? null : new dev.portprobe.profile.HttpOptions(d.httpPath(), null);
    }

    private static dev.portprobe.profile.GrpcOptions grpc(PortInference.Decision d) {
        return d.grpcService() == null ? null : new dev.portprobe.profile.GrpcOptions(d.grpcService());
    }
}
