package dev.portprobe.probe;

import java.util.concurrent.CompletableFuture;

/**
 * Finds out what answers on the scope's port ({@code probe/identify} holds the one implementation). Registered in
 * {@code META-INF/services/dev.portprobe.probe.Identifier} and loaded by the engine, so the core never names the
 * identifier, which sits above it.
 */
public interface Identifier {

    /** What answers on {@code scope}'s port, within its deadline. The future never completes exceptionally. */
    CompletableFuture<Identification> identify(ProbeScope scope);
}
