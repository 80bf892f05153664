package dev.portprobe.simulate;

import dev.portprobe.plan.Check;
import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ServiceSpec;
import dev.portprobe.profile.WorkloadSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loopback address per Service or workload name: 127.0.1.1, 127.0.1.2, ... in profile order (Services,
 * then workloads, then any other check name), so a report reads like a cluster where each name has its own
 * address. Linux routes all of 127/8 to loopback; where a system does not (macOS), every name gets 127.0.0.1,
 * which works just as well because every server binds an ephemeral port.
 */
final class LoopbackAddresses {
    private static final int PER_BLOCK = 254;

    private LoopbackAddresses() {
    }

    static Map<String, String> assign(Profile profile, List<Check> checks) {
        Set<String> names = new LinkedHashSet<>();
        profile.services().stream().map(ServiceSpec::name).forEach(names::add);
        profile.workloads().stream().map(WorkloadSpec::name).forEach(names::add);
        checks.stream().map(Check::name).forEach(names::add);
        boolean spread = canBind("127.0.1.1");
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            out.put(name, spread ? "127.0." + (1 + i / PER_BLOCK) + "." + (1 + i % PER_BLOCK) : "127.0.0.1");
            i++;
        }
        return out;
    }

    private static boolean canBind(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
