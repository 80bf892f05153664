package dev.portprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.outcome.Status;
import dev.portprobe.plan.Check;
import dev.portprobe.profile.Protocol;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@code summary.failed > 0} always means exit 1; failures of optional ports are counted apart, as warnings. */
class ReportSummaryTest {

    @Test
    void aFailingOptionalPortIsAWarningNotAFailure() {
        Check unused = SampleReports.service("grafana", "grafana", 80, 3000, Protocol.HTTP, "Grafana (unused)", false);
        Check xds = SampleReports.service("gloo", "gloo", 9977, 9977, Protocol.GRPC, "xDS Server", true);
        Report report = report(List.of(SampleReports.failed(unused, Status.REFUSED, null, "refused", "hint"),
                SampleReports.ok(xds, "grpc", "SERVING", 1)));

        assertThat(report.summary()).isEqualTo(new Report.Summary(2, 1, 0, 0, 1));
        assertThat(report.exitCode()).isZero();
    }

    @Property(tries = 300)
    void failedIsPositiveExactlyWhenTheRunFailsAndEveryResultIsCountedOnce(
            @ForAll("results") List<CheckResult> results) {
        Report report = report(results);
        Report.Summary s = report.summary();

        assertThat(s.failed() > 0).isEqualTo(report.exitCode() == 1);
        assertThat(s.ok() + s.failed() + s.skipped() + s.warnings()).isEqualTo(s.total());
        assertThat(s.total()).isEqualTo(results.size());
    }

    @Provide
    Arbitrary<List<CheckResult>> results() {
        Arbitrary<CheckResult> one = Combinators.combine(Arbitraries.of(Status.values()), Arbitraries.of(true, false))
                .as((status, required) -> {
                    Check c = SampleReports.service("svc", null, 80, 80, Protocol.TCP, "", required);
                    return status == Status.OK ? SampleReports.ok(c, "tcp", "ok", 1)
                            : SampleReports.failed(c, status, null, "detail", "hint");
                });
        return one.list().ofMaxSize(12).map(ArrayList::new);
    }

    private static Report report(List<CheckResult> results) {
        return new Report("p", "direct", "ns", SampleReports.STARTED, 1, results, List.of());
    }
}
