/**
 * The in-cluster Job: {@link dev.portprobe.job.JobManifests} builds the ServiceAccount, least-privilege RBAC and Job as
 * fabric8 model objects (and their YAML, kept in {@code src/kubernetes/}); {@link dev.portprobe.job.JobRunner} creates
 * them, follows the pod's log, reads the JSON report from it and deletes everything afterwards.
 * {@link dev.portprobe.job.ServeManifests} builds the same ServiceAccount, RBAC and pod security for {@code serve}'s
 * Deployment and Service. A {@link dev.portprobe.job.Fanout} makes it one Job per node ({@link dev.portprobe.job.NodeSelection}) or an Indexed Job of
 * shards, whose pods' reports {@code report.ReportMerge} makes one.
 *
 * <p>May depend on fabric8 (model and client), {@code report} (to read the report back), {@code profile} (to decide
 * whether workload reads are needed), {@code plan.Shard} (the limit on shards), {@code resolve.ClusterAccessException} and {@code resolve.KubeAccess} (every API
 * request goes through {@code KubeAccess.call}, so that a failure reads as the resolvers' do). Never on probes. No terminal I/O:
 * progress goes to the line sink the caller gives.
 */
package dev.portprobe.job;
