package dev.portprobe.resolve;

import dev.portprobe.plan.Check;
import dev.portprobe.outcome.Status;
import java.util.List;

/** What a resolver found for one check: addresses to probe, or a finding that is the result itself. */
public sealed interface Resolution {

    Check check();

    /** Probe each of these (one, or every ready endpoint with --per-endpoint). */
    record Targets(Check check, List<Target> targets) implements Resolution {
        public Targets {
            targets = List.copyOf(targets);
        }
    }

    /** No probe: UNRESOLVED or SKIPPED, with the reason and the next step. */
    record Finding(Check check, Status status, String detail, String hint) implements Resolution {
    }
}
