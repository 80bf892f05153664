package dev.portprobe.simulate;

import dev.portprobe.plan.Check;
import dev.portprobe.outcome.Status;
import dev.portprobe.resolve.Resolution;
import dev.portprobe.resolve.Resolver;
import dev.portprobe.resolve.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Direct mode onto a simulated install: each check to the server acting it out, "127.0.1.N:ACTUAL". */
final class SimulatedResolver implements Resolver {
    private final Map<String, SimulatedInstall.Binding> bindings;
    private final String namespace;

    SimulatedResolver(Map<String, SimulatedInstall.Binding> bindings, String namespace) {
        this.bindings = Map.copyOf(bindings);
        this.namespace = namespace;
    }

    /** A simulation, not a probe of a real install: the report must never pass for one. */
    @Override
    public String mode() {
        return "simulated";
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public List<Resolution> resolveAll(List<Check> checks) {
        List<Resolution> out = new ArrayList<>(checks.size());
        for (Check check : checks) {
            SimulatedInstall.Binding b = bindings.get(SimulatedInstall.key(check));
            if (b == null) {
                out.add(new Resolution.Finding(check, Status.UNRESOLVED,
                        "the simulated install does not act out " + check.id(),
                        "start the install with every check of the plan"));
            } else {
                out.add(new Resolution.Targets(check, List.of(Target.direct(b.host(), b.port()))));
            }
        }
        return out;
    }

    @Override
    public List<String> notes() {
        return List.of("simulated install on loopback: every Service and workload is a real local server");
    }

    @Override
    public void close() {
        // the install owns the servers
    }
}
