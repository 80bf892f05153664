/**
 * One run of a profile: plan, resolve, probe, report. {@link dev.portprobe.run.ProbeRunner} asks a
 * {@link dev.portprobe.resolve.Resolver} for addresses, hands each to the {@link dev.portprobe.probe.ProbeEngine},
 * re-probes failing checks under {@code --wait}, and assembles the {@link dev.portprobe.report.Report}.
 * May depend on every other core package; nothing in the core depends on it.
 */
package dev.portprobe.run;
