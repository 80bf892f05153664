package dev.portprobe.profile;

import static dev.portprobe.profile.ProfileFixtures.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every profile text either loads (and then survives a writer round trip) or fails with an InputException whose
 * message is one line with a line number; nothing else ever escapes the loader.
 */
class ProfileYamlFuzzTest {
    static final String SMALL = ProfileLoaderErrorsTest.VALID;
    static final String RICH = """
            apiVersion: portprobe/v1
            name: rich
            title: "Rich: profile"
            extends: gloo-mesh-oss
            namespace: rich-ns
            workloads:
              - name: api
                selector: {app: api, "tier": backend}
                ports:
                  - {port: 8443, name: https, protocol: https, http: {path: /healthz, expectStatus: "200-399"}, tls: {serverName: api.local}}
                  - port: 9090
                    protocol: grpc-mtls
                    grpc: {service: api.v1.Api}
                    reach: pod-local
                    optional: true
                    usage: >
                      folded usage
            services:
              - name: api
                workload: api
                optional: false
                ports:
                  - {port: 443, targetPort: 8443, protocol: https}
                  - {port: 6379, protocol: redis, usage: 'single # quoted'}
            """;

    static final String[] TOKENS = {":", ": ", "- ", "{", "}", "[", "]", ",", "#", "&a ", "*a", "!!str ", "|", ">",
        "'", "\"", "\n", "\t", "  ", "---\n", "...\n", "~", "null", "true", "yes", "0", "-1", "65536", "0x50",
        "99999999999999999999", "1e3", "port", "protocol", "targetPort", "workload", "workloads", "services",
        "extends", "gloo-mesh-oss", "gloo-mesh-oss-mtls", "self.yaml", "grpc-mtls", "pod-local", "http:", "grpc:",
        "tls:", "{path: /x}", "? ", "%YAML 1.2\n", "\u0000", "\uFEFF", "\u0085", "é", "\uD800", "\r", "\\"};

    @Provide
    Arbitrary<String> bases() {
        // Mostly the small documents: they are cheap, and a mutation hits their structure more often.
        List<net.jqwik.api.Tuple.Tuple2<Integer, String>> bases = new ArrayList<>();
        bases.add(net.jqwik.api.Tuple.of(6, SMALL));
        bases.add(net.jqwik.api.Tuple.of(6, RICH));
        ProfileLoader.builtinNames().forEach(n -> bases.add(net.jqwik.api.Tuple.of(1, text(n))));
        return Arbitraries.frequency(bases);
    }

    private static String text(String builtin) {
        try {
            return ProfileLoader.builtinText(builtin);
        } catch (InputException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<List<TextMutations.Mutation>> mutations() {
        return TextMutations.mutations(TOKENS);
    }

    @Property(tries = 20_000)
    void mutatedProfileYamlLoadsOrFailsWithOneLocatedLine(@ForAll("bases") String base,
            @ForAll("mutations") List<TextMutations.Mutation> mutations) {
        checkText(TextMutations.apply(base, mutations));
    }

    @Property(tries = 20_000)
    void arbitraryTextLoadsOrFailsWithOneLocatedLine(@ForAll String text) {
        checkText(text);
    }

    @Property(tries = 5_000)
    void generatedProfilesRoundTripThroughTheWriter(@ForAll("profiles") Profile profile) throws InputException {
        Profile back = ProfileLoader.load("gen.yaml", ProfileWriter.toYaml(profile));
        assertThat(normalized(back)).isEqualTo(normalized(profile));
    }

    private static List<PortSpec> withoutTargetPorts(List<PortSpec> ports) {
        return ports.stream().map(p -> new PortSpec(p.port(), null, p.name(), p.protocol(), p.usage(), p.http(),
                p.grpc(), p.tls(), p.reach(), p.optional(), 0)).toList();
    }

    static void checkText(String text) {
        Profile loaded;
        try {
            loaded = ProfileLoader.load("fuzz.yaml", text);
        } catch (InputException e) {
            assertOneLocatedLine(e, "fuzz.yaml");
            return;
        }
        try {
            Profile again = ProfileLoader.load("again.yaml", ProfileWriter.toYaml(loaded));
            assertThat(normalized(again)).isEqualTo(normalized(loaded));
        } catch (InputException e) {
            throw new AssertionError("the writer produced YAML the loader rejects: " + e.getMessage(), e);
        }
    }

    static void assertOneLocatedLine(InputException e, String file) {
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").startsWith(file + ":");
        assertThat(e.line()).as(e.getMessage()).isPositive();
    }

    @Provide
    Arbitrary<Profile> profiles() {
        return Arbitraries.longs().map(RandomProfiles::profile);
    }
}
