/**
 * Results and reports: {@link dev.portprobe.outcome.Status}, {@link dev.portprobe.report.CheckResult},
 * {@link dev.portprobe.report.Report}, and the renderers for {@code -o table|json|junit|markdown|openmetrics}
 * ({@link dev.portprobe.report.Renderers#of}), plus {@link dev.portprobe.report.JsonReportReader}, which reads a JSON
 * report back (the in-cluster Job's report arrives that way).
 *
 * <p>May depend on {@code plan} and {@code profile} (what a check is), {@code outcome} (statuses and TLS facts),
 * Jackson and {@code javax.xml.stream}. Never on probes, resolvers or fabric8. Writes only to the {@link java.io.Writer} it is given; colour only through
 * {@link dev.portprobe.report.Ansi}.
 */
package dev.portprobe.report;
