package dev.portprobe.probe;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.outcome.Observed;
import dev.portprobe.probe.wire.Sniff;
import dev.portprobe.profile.Protocol;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** The protocol folders, as listed in {@code META-INF/services/dev.portprobe.probe.ProtocolSupport}. */
public final class ProtocolSupports {
    private static final List<ProtocolSupport> ALL = load();
    /** The identifier's own steps hold ranks 0 (banner) and 1 (TLS ClientHello). */
    private static final int FIRST_FOLDER_RANK = 2;
    private static final List<ProtocolStep> STEPS = steps(ALL);
    private static final Map<Sniff, ReplyReading> READINGS = readings(ALL);

    private static final Map<Protocol, Set<String>> APP_PROTOCOLS = new EnumMap<>(Protocol.class);
    private static final Set<String> KNOWN_APP_PROTOCOLS;
    private static final Map<String, Protocol> PORT_NAMES = new java.util.HashMap<>();

    static {
        Set<String> known = new java.util.TreeSet<>(Set.of("tcp"));
        for (ProtocolSupport support : ALL) {
            support.appProtocols().forEach((protocol, values) -> {
                APP_PROTOCOLS.put(protocol, Set.copyOf(values));
                known.addAll(values);
            });
        }
        KNOWN_APP_PROTOCOLS = Set.copyOf(known);
        for (ProtocolSupport support : ALL) {
            support.portNames().forEach((protocol, names) -> names.forEach(name -> {
                if (PORT_NAMES.putIfAbsent(name, protocol) != null) {
                    throw new IllegalStateException("two protocol folders claim the port name " + name);
                }
            }));
        }
    }

    private ProtocolSupports() {
    }

    /** Every folder, in the order the services file lists them. */
    public static List<ProtocolSupport> all() {
        return ALL;
    }

    /** The folders' identification steps, by rank (see {@link ProtocolStep#rank()}). */
    public static List<ProtocolStep> identifySteps() {
        return STEPS;
    }

    /** The folder's reading of the classifier's {@code kind}, or null (UNKNOWN, NEED_MORE). */
    public static ReplyReading reading(Sniff kind) {
        return READINGS.get(kind);
    }

    /** The first folder's hint for {@code observed} answering instead of the expected protocol, or null. */
    static String answeredInstead(ProbeRequest request, Observed observed) {
        for (ProtocolSupport support : ALL) {
            String hint = support.answeredInstead(request, observed);
            if (hint != null) {
                return hint;
            }
        }
        return null;
    }

    /** The first folder's hint for {@code observed} answering too slowly, or null. */
    static String answerTooSlow(ProbeRequest request, Observed observed) {
        for (ProtocolSupport support : ALL) {
            String hint = support.answerTooSlow(request, observed);
            if (hint != null) {
                return hint;
            }
        }
        return null;
    }

    /** The hint of the folder that probes {@code request}'s protocol when its server is unhealthy, or null. */
    static String unhealthy(ProbeRequest request) {
        for (ProtocolSupport support : ALL) {
            if (support.probes().containsKey(request.expected())) {
                return support.unhealthy(request);
            }
        }
        return null;
    }

    /** The appProtocol values that can carry {@code protocol}, by its folder (see {@link ProtocolSupport#appProtocols}). */
    public static Set<String> appProtocolsFor(Protocol protocol) {
        return APP_PROTOCOLS.getOrDefault(protocol, Set.of());
    }

    /** Every appProtocol value some folder knows, and {@code tcp}: any other value means nothing to portprobe. */
    public static Set<String> knownAppProtocols() {
        return KNOWN_APP_PROTOCOLS;
    }

    /**
     * The protocol that a Kubernetes port name promises by the naming convention ({@code NAME} or
     * {@code NAME-suffix}, the longest known NAME winning: {@code grpc-web-ui} is grpc-web, not grpc), or empty.
     */
    public static java.util.Optional<Protocol> forPortName(String portName) {
        String name = portName.toLowerCase(java.util.Locale.ROOT);
        return PORT_NAMES.keySet().stream()
                .filter(known -> name.equals(known) || name.startsWith(known + "-"))
                .max(java.util.Comparator.comparingInt(String::length))
                .map(PORT_NAMES::get);
    }

    /** The protocol an {@code appProtocol} value promises (the whole value, lower-cased), or empty. */
    public static java.util.Optional<Protocol> forAppProtocol(String appProtocol) {
        return java.util.Optional.ofNullable(PORT_NAMES.get(appProtocol.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Lets every folder refine what the identifier found ({@link ProtocolSupport#refineIdentification}), in turn. */
    static java.util.concurrent.CompletableFuture<Identification> refineIdentification(ProbeScope scope,
                                                                                     Identification found) {
        var refined = java.util.concurrent.CompletableFuture.completedFuture(found);
        for (ProtocolSupport support : ALL) {
            refined = refined.thenCompose(id -> support.refineIdentification(scope, id));
        }
        return refined;
    }

    /** The identifier, as listed in {@code META-INF/services/dev.portprobe.probe.Identifier}: exactly one. */
    static Identifier identifier() {
        List<Identifier> found = new ArrayList<>();
        ServiceLoader.load(Identifier.class, Identifier.class.getClassLoader()).forEach(found::add);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one identifier, found " + found.size());
        }
        return found.get(0);
    }

    /** The probe of every profile protocol; fails when a protocol has none or two folders claim one. */
    static Map<Protocol, Probe> probes() {
        Map<Protocol, Probe> map = new EnumMap<>(Protocol.class);
        for (ProtocolSupport support : ALL) {
            support.probes().forEach((protocol, probe) -> {
                if (map.putIfAbsent(protocol, probe) != null) {
                    throw new IllegalStateException("two protocol folders probe " + protocol.id());
                }
            });
        }
        Set<Protocol> missing = EnumSet.allOf(Protocol.class);
        missing.removeAll(map.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no protocol folder probes " + missing);
        }
        return Map.copyOf(map);
    }

    /** The demo server of {@code protocol}, from the folder that acts it out; fails when none or two folders do. */
    public static DemoServer demoServer(Protocol protocol) {
        DemoServer found = null;
        for (ProtocolSupport support : ALL) {
            DemoServer server = support.demoServers().get(protocol);
            if (server != null && found != null) {
                throw new IllegalStateException("two protocol folders serve " + protocol.id() + " in the demo");
            }
            found = server != null ? server : found;
        }
        if (found == null) {
            throw new IllegalStateException("no protocol folder serves " + protocol.id() + " in the demo");
        }
        return found;
    }

    /** Every folder's steps, by rank; fails when a rank is the identifier's own or two steps share one. */
    static List<ProtocolStep> steps(List<ProtocolSupport> supports) {
        List<ProtocolStep> steps = new ArrayList<>();
        Set<Integer> ranks = new java.util.HashSet<>();
        for (ProtocolSupport support : supports) {
            for (ProtocolStep step : support.identifySteps()) {
                if (step.rank() < FIRST_FOLDER_RANK || !ranks.add(step.rank())) {
                    throw new IllegalStateException("identify step \"" + step.label() + "\" has rank " + step.rank()
                            + ": ranks below " + FIRST_FOLDER_RANK + " are the identifier's own, and each is unique");
                }
                steps.add(step);
            }
        }
        steps.sort(java.util.Comparator.comparingInt(ProtocolStep::rank));
        return List.copyOf(steps);
    }

    /** Every folder's readings, by kind; fails when two folders read one kind. */
    private static Map<Sniff, ReplyReading> readings(List<ProtocolSupport> supports) {
        Map<Sniff, ReplyReading> map = new EnumMap<>(Sniff.class);
        for (ProtocolSupport support : supports) {
            for (ReplyReading reading : support.replyReadings()) {
                if (map.putIfAbsent(reading.kind(), reading) != null) {
                    throw new IllegalStateException("two protocol folders read " + reading.kind());
                }
            }
        }
        return map;
    }

    private static List<ProtocolSupport> load() {
        List<ProtocolSupport> found = new ArrayList<>();
        ServiceLoader.load(ProtocolSupport.class, ProtocolSupport.class.getClassLoader()).forEach(found::add);
        return List.copyOf(found);
    }
}
