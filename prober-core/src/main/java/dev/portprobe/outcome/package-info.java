/**
 * What a probe finds, as values: {@link dev.portprobe.outcome.Status}, {@link dev.portprobe.outcome.Observed},
 * {@link dev.portprobe.outcome.TlsInfo} and {@link dev.portprobe.outcome.ProbeOutcome}. Both {@code probe} and
 * {@code report} sit above this package.
 *
 * <p>Depends on nothing else in portprobe.
 */
package dev.portprobe.outcome;
