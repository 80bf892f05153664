/**
 * Learning a profile from a healthy install ({@code portprobe learn}): a draft profile from what the cluster holds
 * ({@link dev.portprobe.learn.Drafts}, every port {@code tcp}), resolved as {@code probe} resolves it, then each port
 * identified within one deadline ({@link dev.portprobe.learn.PortLearner}: the identifier, then the well-known health
 * paths, the gRPC health service, the TLS server name) and the rows rewritten with what answered
 * ({@link dev.portprobe.learn.Learner}).
 *
 * <p>May depend on: {@code profile}, {@code plan}, {@code probe}, {@code outcome}, {@code report} (a result for
 * progress), {@code resolve} (its plain values and the {@code Resolver}), {@code run} (the listener). Never on fabric8.
 */
package dev.portprobe.learn;
