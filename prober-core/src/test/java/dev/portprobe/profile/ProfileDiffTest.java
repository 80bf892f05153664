package dev.portprobe.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.InputException;
import org.junit.jupiter.api.Test;

class ProfileDiffTest {
    @Test
    void showsWhatTheOpenSourceMtlsVariantChanges() throws InputException {
        var lines = ProfileDiff.between(ProfileLoader.builtin("gloo-mesh-oss"), ProfileLoader.builtin("gloo-mesh-oss-mtls"));
        assertThat(lines).containsExactly(
                "~ workload gloo port 9977: protocol grpc -> grpc-mtls; usage 'xDS Server' -> 'xDS Server (mTLS sidecar)'",
                "+ workload gloo port 9999: grpc, pod-local, optional, usage 'xDS Server inside the pod (behind the sidecar)'",
                "+ workload gloo port 9976: mtls, optional, usage 'REST xDS (mTLS sidecar)'",
                "+ workload gloo port 8001: http, path /ready, optional, usage 'mTLS sidecar Envoy admin'",
                "~ Service gloo port 9977: protocol grpc -> grpc-mtls; usage 'xDS Server' -> 'xDS Server (mTLS sidecar)'");
    }

    @Test
    void showsAddedAndRemovedEntries() throws InputException {
        Profile base = ProfileLoader.builtin("gloo-mesh-oss");
        Profile enterprise = ProfileLoader.builtin("gloo-mesh-enterprise");
        assertThat(ProfileDiff.between(base, enterprise))
                .contains("+ workload redis: ports [6379]", "+ Service glooe-grafana: ports [80]")
                .noneMatch(l -> l.startsWith("-") || l.startsWith("~"));
        assertThat(ProfileDiff.between(enterprise, base)).contains("- workload redis", "- Service glooe-grafana");
    }

    @Test
    void aProfileDoesNotDifferFromItself() throws InputException {
        Profile p = ProfileLoader.builtin("gloo-mesh-enterprise-mtls");
        assertThat(ProfileDiff.between(p, p)).isEmpty();
    }
}
