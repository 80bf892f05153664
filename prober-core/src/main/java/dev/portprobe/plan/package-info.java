/**
 * The plan: which (Service port | workload-only port) checks a profile asks for ({@link dev.portprobe.plan.Planner}),
 * and {@code --only}/{@code --skip} selection ({@link dev.portprobe.plan.CheckFilter}).
 *
 * <p>May depend on: {@code profile} and {@link dev.portprobe.InputException}. No network, no Kubernetes.
 */
package dev.portprobe.plan;
