package dev.portprobe.job;

import dev.portprobe.report.Report;

/**
 * How an in-cluster run ended.
 *
 * @param report   the report the pod printed, or null when the Job ended (or timed out) without one
 * @param exitCode the process exit code: {@code report.exitCode()} (0 or 1) when there is a report; else the pod's own
 *                 exit code when it is 2 (bad profile or flags) or 3 (the pod could not reach or was denied the API);
 *                 else {@link #NO_REPORT} (image could not be pulled, OOM kill, deadline, timeout...)
 * @param message  one line for stderr: what happened to the Job (never null)
 */
public record JobOutcome(Report report, int exitCode, String message) {
    /** The Job could not produce a report: counted as "the cluster cannot run the probe" (exit code 3). */
    public static final int NO_REPORT = 3;

    static JobOutcome of(Report report, String message) {
        return new JobOutcome(report, report.exitCode(), message);
    }

    static JobOutcome noReport(Integer podExitCode, String message) {
        int code = podExitCode != null && (podExitCode == 2 || podExitCode == 3) ? podExitCode : NO_REPORT;
        return new JobOutcome(null, code, message);
    }
}
