package dev.portprobe.run;

import dev.portprobe.outcome.Observed;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.report.CheckResult;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an install that runs in mTLS mode while it is probed with the plain profile: several ports the
 * table calls plaintext answer with a TLS handshake that demands a client certificate.
 */
final class MtlsModeAdvice {
    /** One such port may be a one-off; two or more look like the install's mode. */
    static final int THRESHOLD = 2;

    private MtlsModeAdvice() {
    }

    static Optional<String> of(String profileName, List<CheckResult> results) {
        List<String> ports = results.stream()
                .filter(r -> Observed.MTLS.word().equals(r.observed()) && !r.check().expected().mutualTls())
                .map(r -> r.check().id())
                .distinct()
                .toList();
        if (ports.size() < THRESHOLD) {
            return Optional.empty();
        }
        String variant = profileName == null ? null : profileName + "-mtls";
        String use = variant != null && ProfileLoader.builtinNames().contains(variant)
                ? "probe with -p " + variant
                : "probe with a profile that expects mtls/grpc-mtls on those ports";
        return Optional.of(ports.size() + " ports the profile calls plaintext demand a client certificate ("
                + String.join(", ", ports) + "): the install looks like it runs in mTLS mode; " + use);
    }
}
