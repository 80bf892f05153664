package dev.portprobe.probe;

import java.util.function.Function;

/**
 * A typed key for an engine-wide service that a protocol folder or the identifier owns (the core cannot name their
 * classes): declared once, as a constant beside the class it builds, with how to build it from the engine's
 * services. {@link EngineServices#get} builds it at first use and hands out the same instance after; the engine
 * closes it at the end if it is {@link AutoCloseable}.
 *
 * @param <T> the service's type
 */
public final class EngineService<T> {
    private final String name;
    private final Function<EngineServices, T> factory;

    private EngineService(String name, Function<EngineServices, T> factory) {
        this.name = name;
        this.factory = factory;
    }

    /**
     * @param name    what the service is, for messages
     * @param factory builds it; it may use the core's services ({@link EngineServices#tlsContexts()}...) but not
     *                another {@link EngineService}
     */
    public static <T> EngineService<T> of(String name, Function<EngineServices, T> factory) {
        return new EngineService<>(name, factory);
    }

    T build(EngineServices services) {
        return factory.apply(services);
    }

    @Override
    public String toString() {
        return name;
    }
}
