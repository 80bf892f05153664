/**
 * Several clusters, one report: {@link dev.portprobe.fleet.FleetRunner} runs each cluster's plan concurrently
 * through the {@link dev.portprobe.run.ProbeRunner} of its own resolver and engine, probes the cross-cluster checks
 * at the external addresses the owning clusters give, and merges everything into one
 * {@link dev.portprobe.report.Report} whose results name their cluster. Sits above run; nothing in the core depends
 * on it.
 */
package dev.portprobe.fleet;
