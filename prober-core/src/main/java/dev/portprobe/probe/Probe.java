package dev.portprobe.probe;

import dev.portprobe.outcome.ProbeOutcome;

import java.util.concurrent.CompletableFuture;

/**
 * A probe for one protocol. It dials {@code request}, speaks its protocol and completes with an outcome.
 *
 * <p>Every channel or resource it opens goes through {@code scope} ({@link ProbeScope#bootstrap()},
 * {@link ProbeScope#track}, {@link ProbeScope#onClose}), so that the engine closes it at the verdict or at the
 * deadline, whichever comes first. A probe need not keep its own timer: at the deadline the engine completes
 * the check as TIMEOUT from what the scope saw.
 */
@FunctionalInterface
public interface Probe {
    CompletableFuture<ProbeOutcome> probe(ProbeScope scope, ProbeRequest request);
}
