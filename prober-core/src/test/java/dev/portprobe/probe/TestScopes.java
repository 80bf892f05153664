package dev.portprobe.probe;

import java.util.function.Function;

/** For tests in the protocol folders: a scope of {@code engine} for {@code request}, closed after {@code body}. */
public final class TestScopes {
    private TestScopes() {
    }

    public static <T> T inScope(ProbeEngine engine, ProbeRequest request, Function<ProbeScope, T> body) {
        ProbeScope scope = new ProbeScope(engine, request, System.nanoTime());
        try {
            return body.apply(scope);
        } finally {
            scope.close();
        }
    }
}
