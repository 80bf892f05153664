package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.profile.Profile;
import dev.portprobe.resolve.ClusterAccessException;
import dev.portprobe.resolve.Resolver;
import java.time.Duration;

/** Opens the resolver of a cluster mode. */
final class KubeResolvers {
    private KubeResolvers() {
    }

    static Resolver open(ClusterFlags flags, Terminal terminal, Profile profile, Duration timeout)
            throws InputException, ClusterAccessException {
        throw new InputException(null, 0, "cluster modes are not wired yet");
    }
}
