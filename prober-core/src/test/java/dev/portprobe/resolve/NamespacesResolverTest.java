package dev.portprobe.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.PortSpec;
import dev.portprobe.profile.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several namespaces: each check goes to the resolver of its own namespace, and comes back in plan order. */
class NamespacesResolverTest {
    private static final Check WEB = Check.adHoc("web",
            new PortSpec(80, null, null, Protocol.HTTP, "Web", null, null, null, null, false, 0));

    /** A direct resolver per namespace, each dialing its own loopback address, that records being closed. */
    private static Map<String, Resolver> perNamespace(List<String> closed) {
        Map<String, Resolver> m = new LinkedHashMap<>();
        for (String ns : List.of("team-a", "team-b")) {
            String host = ns.equals("team-a") ? "127.0.0.10" : "127.0.0.11";
            m.put(ns, new Resolver() {
                private final DirectResolver direct = new DirectResolver(Map.of(), host, ns);

                @Override
                public String mode() {
                    return direct.mode();
                }

                @Override
                public String namespace() {
                    return ns;
                }

                @Override
                public List<Resolution> resolveAll(List<Check> checks) {
                    assertThat(checks).allSatisfy(c -> assertThat(c.namespace()).isEqualTo(ns));
                    return direct.resolveAll(checks);
                }

                @Override
                public void close() {
                    closed.add(ns);
                }
            });
        }
        return m;
    }

    @Test
    void sendsEachCheckToItsNamespacesResolverAndKeepsThePlanOrder() throws Exception {
        List<String> closed = new ArrayList<>();
        try (NamespacesResolver resolver = new NamespacesResolver(perNamespace(closed))) {
            assertThat(resolver.namespaces()).containsExactly("team-a", "team-b");
            assertThat(resolver.namespace()).isNull();
            List<Check> checks = List.of(WEB.inNamespace("team-b"), WEB.inNamespace("team-a"));
            List<Resolution> out = resolver.resolveAll(checks);
            assertThat(out).extracting(Resolution::check).containsExactlyElementsOf(checks);
            assertThat(out).extracting(r -> ((Resolution.Targets) r).targets().get(0).host())
                    .containsExactly("127.0.0.11", "127.0.0.10");
        }
        assertThat(closed).containsExactly("team-a", "team-b");
    }

    @Test
    void refusesACheckOfANamespaceItDoesNotProbe() {
        try (NamespacesResolver resolver = new NamespacesResolver(perNamespace(new ArrayList<>()))) {
            assertThatThrownBy(() -> resolver.resolveAll(List.of(WEB.inNamespace("team-c"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("team-c");
        }
    }
}
