package dev.portprobe.probe;

import dev.portprobe.profile.Protocol;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one protocol folder ({@code probe/tcp}, {@code probe/tls}, {@code probe/http}, {@code probe/grpc},
 * {@code probe/redis}, {@code probe/dns}) brings to the engine. The folders are listed in one place,
 * {@code META-INF/services/dev.portprobe.probe.ProtocolSupport}, and loaded by {@link ProtocolSupports}; the core
 * never names a folder, so the folders sit above it without a cycle.
 */
public interface ProtocolSupport {

    /** The probe of each profile protocol this folder answers for. */
    Map<Protocol, Probe> probes();

    /**
     * Kubernetes port names and {@code appProtocol} values (lower case) that promise each of this folder's protocols,
     * for the manifest importer: a port named {@code NAME} or {@code NAME-suffix} (Istio's and Kubernetes' naming
     * convention), or whose appProtocol is {@code NAME}, speaks that protocol. Empty when no name is conventional.
     */
    default Map<Protocol, Set<String>> portNames() {
        return Map.of();
    }

    /** Every name of {@link #portNames}, sorted. */
    default List<String> portNameAliases() {
        return portNames().values().stream().flatMap(Set::stream).sorted().toList();
    }

    /**
     * The Kubernetes {@code appProtocol} values (lower case) that can carry each of this folder's protocols, for
     * drift: a live ServicePort whose appProtocol some folder knows, but not as a carrier of the expected protocol,
     * drifts. A protocol left out accepts none but {@code tcp}.
     */
    default Map<Protocol, Set<String>> appProtocols() {
        return Map.of();
    }

    /** The folder's own identification step, or null when the built-in steps already name its protocol. */
    default IdentifyExtra identifyStep() {
        return null;
    }

    /**
     * One-time set-up for checks of {@code protocols} (TLS contexts...), run on the caller's thread before the
     * checks start. Only the protocols of this folder need attention; others may be in the collection.
     */
    default void prepare(ProbeEngine engine, Collection<Protocol> protocols) {
    }

    /** Ends any sharing of connections between checks, so the checks after it dial anew (a re-probe round). */
    default void forgetConnections(ProbeEngine engine) {
    }
}
