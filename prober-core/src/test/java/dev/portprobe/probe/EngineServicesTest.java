package dev.portprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Typed engine services: built once at first use, the same instance after, closed with the engine. */
class EngineServicesTest {

    private static final class Counted implements AutoCloseable {
        private final int concurrency;
        private boolean closed;

        Counted(int concurrency) {
            this.concurrency = concurrency;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aServiceIsBuiltOnceFromTheEnginesServicesAndClosedWithTheEngine() {
        AtomicInteger builds = new AtomicInteger();
        EngineService<Counted> key = EngineService.of("counted", s -> {
            builds.incrementAndGet();
            return new Counted(s.concurrency());
        });
        Counted first;
        try (ProbeEngine engine = new ProbeEngine()) {
            EngineServices services = engine.services();
            assertThat(services.getIfBuilt(key)).isNull();

            first = services.get(key);

            assertThat(services.get(key)).isSameAs(first);
            assertThat(services.getIfBuilt(key)).isSameAs(first);
            assertThat(first.concurrency).isEqualTo(services.concurrency());
            assertThat(builds).hasValue(1);
            assertThat(first.closed).isFalse();
        }
        assertThat(first.closed).isTrue();
    }

    @Test
    void twoKeysOfOneTypeAreTwoServices() {
        EngineService<Counted> a = EngineService.of("a", s -> new Counted(1));
        EngineService<Counted> b = EngineService.of("b", s -> new Counted(2));
        try (ProbeEngine engine = new ProbeEngine()) {
            assertThat(engine.services().get(a)).isNotSameAs(engine.services().get(b));
        }
    }

    @Test
    void theTlsContextsAreBuiltOnceAtFirstUse() {
        try (ProbeEngine engine = new ProbeEngine()) {
            EngineServices services = engine.services();
            assertThat(services.tlsContextsIfBuilt()).isNull();

            assertThat(services.tlsContexts()).isSameAs(services.tlsContexts()).isSameAs(services.tlsContextsIfBuilt());
        }
    }
}
