package dev.portprobe.testing.kube;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the fake clusters' pods and Service VIPs live: a /16 of the loopback range (Linux routes all of 127/8 to
 * loopback), drawn at random once per test JVM, so that two test suites running at once on one machine (two CI
 * clones, say) do not both bind {@code 127.77.0.2:9977} and fail on "address already in use".
 */
public final class LoopbackNets {
    private static final int FIRST = 16 + ThreadLocalRandom.current().nextInt(200);

    private LoopbackNets() {
    }

    /** The prefix {@code 127.N.} of the {@code index}th network of this JVM (0 or 1): append {@code "0.2"}. */
    public static String net(int index) {
        return "127." + (FIRST + index) + ".";
    }
}
