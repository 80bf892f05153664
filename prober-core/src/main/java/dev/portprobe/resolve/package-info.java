/**
 * Resolvers: turn the checks of a plan into addresses to dial. Only this package talks to the Kubernetes API
 * (fabric8, OkHttp transport); probes never see it.
 *
 * <ul>
 *   <li>{@link dev.portprobe.resolve.DirectResolver}: no cluster, names map to hosts.</li>
 *   <li>{@link dev.portprobe.resolve.PortForwardResolver}: Service, ready endpoints, pod, then a forward listening
 *       on 127.0.0.1 whose connections are fabric8 pod port-forwards ({@code Forward}, {@code ForwardConnection});
 *       refusals on the error channel become REFUSED ({@code Preflight}, {@code ForwardError}); an upgrade or
 *       stream the API server breaks is ERROR naming that phase, and the run's {@code apiFailure()} line
 *       ({@code ApiFailures}).</li>
 *   <li>{@link dev.portprobe.resolve.InClusterResolver}: the Service's DNS name (and each ready endpoint), with a
 *       DNS-only fallback when the service account may not read the API.</li>
 * </ul>
 *
 * <p>{@link dev.portprobe.resolve.KubeAccess} builds the client as kubectl would and bounds every request by the
 * run's timeout; {@code ApiCalls} retries retryable failures inside a fixed budget and turns the rest into one
 * {@link dev.portprobe.resolve.ClusterAccessException} line naming the cluster, verb and resource.
 * {@code ClusterSnapshot} lists each namespace once per round, and {@code ClusterResolution} is the shared logic of
 * both cluster modes (Service, port, targetPort, endpoints, workloads, drift).
 *
 * <p>May depend on: {@code plan}, {@code profile}, {@code report}, {@code probe} (outcome values only), fabric8.
 */
package dev.portprobe.resolve;
