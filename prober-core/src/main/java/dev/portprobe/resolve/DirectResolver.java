package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.outcome.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * No cluster: each Service or workload name maps to a host ({@code --target NAME=HOST}), or every name to one
 * host ({@code --host}). A Service port is dialed at its port, a workload-only port at its container port.
 */
public final class DirectResolver implements Resolver {
    private final Map<String, String> targets;
    private final String defaultHost;
    private final String namespace;

    public DirectResolver(Map<String, String> targets, String defaultHost, String namespace) {
        this.targets = Map.copyOf(targets);
        this.defaultHost = defaultHost;
        this.namespace = namespace;
    }

    @Override
    public String mode() {
        return "direct";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public List<Resolution> resolveAll(List<Check> checks) {
        List<Resolution> out = new ArrayList<>(checks.size());
        for (Check check : checks) {
            String host = targets.getOrDefault(check.name(), defaultHost);
            if (host == null) {
                out.add(new Resolution.Finding(check, Status.UNRESOLVED,
                        "no address for " + check.name() + " in direct mode",
                        "give --target " + check.name() + "=HOST, or --host HOST for every name"));
            } else {
                out.add(new Resolution.Targets(check, List.of(Target.direct(host, check.port()))));
            }
        }
        return out;
    }

    @Override
    public void close() {
        // nothing to close
    }
}
