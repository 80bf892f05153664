/**
 * The identifier: every step at once, each on its own connection ({@code Identify}, {@code IdentifySteps}), when the
 * answer is final ({@code Precedence}), and what to say when no step named a protocol ({@code IdentifySummary}).
 * Registered as the core's {@link dev.portprobe.probe.Identifier} in {@code META-INF/services}; sits above the core
 * ({@code probe}, {@code probe.net}, {@code probe.wire}) and names no protocol folder.
 */
package dev.portprobe.probe.identify;
