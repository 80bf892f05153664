package dev.portprobe.probe;

import dev.portprobe.loopback.DemoServer;
import dev.portprobe.outcome.Observed;
import dev.portprobe.profile.Protocol;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
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

    /**
     * The folder's identification steps (the request to send, how to read the reply, the rank), or none. The
     * identifier adds its own two (the banner wait and the TLS ClientHello) and orders all of them by rank.
     */
    default List<ProtocolStep> identifySteps() {
        return List.of();
    }

    /** How the folder names the classifier's kinds that are its protocols' replies (see {@link ReplyReading}). */
    default List<ReplyReading> replyReadings() {
        return List.of();
    }

    /**
     * The hint when {@code observed}, one of this folder's protocols, answered where {@code request} expected another
     * protocol; null when {@code observed} is not the folder's.
     */
    default String answeredInstead(ProbeRequest request, Observed observed) {
        return null;
    }

    /** The hint when {@code observed}, one of this folder's protocols, began to answer but did not finish in time; or null. */
    default String answerTooSlow(ProbeRequest request, Observed observed) {
        return null;
    }

    /** The hint when this folder's probe of {@code request} found its server unhealthy; null for the generic one. */
    default String unhealthy(ProbeRequest request) {
        return null;
    }

    /**
     * A last identification step, after the identifier's steps named {@code found}: a folder whose protocol rides on
     * another (gRPC on cleartext HTTP/2) may look closer, inside the same scope and deadline, and name its own.
     * Returns {@code found} when it does not apply; never completes exceptionally.
     */
    default CompletableFuture<Identification> refineIdentification(ProbeScope scope, Identification found) {
        return CompletableFuture.completedFuture(found);
    }

    /**
     * One-time set-up for checks of {@code protocols} (TLS contexts...), run on the caller's thread before the
     * checks start. Only the protocols of this folder need attention; others may be in the collection.
     */
    default void prepare(ProbeEngine engine, Collection<Protocol> protocols) {
    }

    /**
     * The server that acts out each of this folder's protocols in a simulated install ({@code portprobe demo}); the
     * install starts it on a loopback host and owns what it starts.
     */
    default Map<Protocol, DemoServer> demoServers() {
        return Map.of();
    }

    /** Ends any sharing of connections between checks, so the checks after it dial anew (a re-probe round). */
    default void forgetConnections(ProbeEngine engine) {
    }
}
