/**
 * Imports rendered Kubernetes manifests (the output of {@code helm template} or {@code kubectl get -o yaml}, several
 * documents, {@code kind: List} included) into a {@link dev.portprobe.profile.Profile}: the Services, the
 * Deployments, StatefulSets and DaemonSets, their container ports, and which workload each Service selects. A port's
 * protocol comes from its {@code appProtocol}, then its name by the Istio/Kubernetes convention (the names each
 * protocol folder lists, {@link dev.portprobe.probe.ProtocolSupport#portNames}), then the kubelet probe that checks
 * it, and last the reference-table rules ({@link dev.portprobe.reftable.ProtocolRules}: names and well-known port
 * numbers), which are guesses and say so with the file's line.
 *
 * <p>Objects are read with fabric8's Kubernetes model classes ({@code KubernetesSerialization}); lines come from
 * Jackson 3's YAML parser ({@code ManifestReader}). Nothing here parses YAML by hand, talks to a cluster or prints.
 * May depend on: fabric8's model classes (never its client), Jackson 3, {@code profile}, {@code reftable} (rules,
 * options, warnings), {@code probe}'s {@link dev.portprobe.probe.ProtocolSupports} and
 * {@link dev.portprobe.InputException}.
 */
package dev.portprobe.manifest;
