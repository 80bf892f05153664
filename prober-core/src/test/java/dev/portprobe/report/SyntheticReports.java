package dev.portprobe.report;

import dev.portprobe.InputException;
import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.plan.Planner;
import dev.portprobe.profile.ProfileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Reports shaped like an in-cluster run of a built-in profile, every check with the status a function picks. */
public final class SyntheticReports {
    private SyntheticReports() {
    }

    /** The built-in profile's plan in {@code gloo-system}, as a pod would probe it. */
    public static List<Check> plan(String profile) throws InputException {
        return Planner.plan(ProfileLoader.resolve(profile)).stream().map(c -> c.inNamespace("gloo-system")).toList();
    }

    /** One result per check, {@code status.apply(index, check)}; details and hints as a pod would write them. */
    public static Report of(String profile, List<Check> checks, BiFunction<Integer, Check, Status> status) {
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Status s = status.apply(i, c);
            String endpoint = c.name() + ".gloo-system.svc:" + c.port();
            results.add(s == Status.OK
                    ? new CheckResult(c, s, c.expected().id(), endpoint, null, 1.5, c.expected().id() + " answered",
                            null, List.of(), null)
                    : new CheckResult(c, s, null, endpoint, null, 0.4, "connect: connection refused",
                            "nothing listens on " + c.port() + "; kubectl -n gloo-system get endpoints " + c.name(),
                            List.of(), null));
        }
        return new Report(profile, "in-cluster", "gloo-system", Instant.parse("2026-12-06T23:00:00Z"), 120, results,
                List.of());
    }

    public static String json(Report report) {
        return new JsonReportWriter().renderToString(report);
    }
}
