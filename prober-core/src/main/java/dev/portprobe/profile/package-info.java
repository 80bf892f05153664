/**
 * The profile model (a vendor's port reference table as data), YAML loading with {@code FILE:LINE} validation,
 * {@code extends}, the built-in profiles ({@link dev.portprobe.profile.ProfileLoader}), writing back to YAML
 * ({@link dev.portprobe.profile.ProfileWriter}) and variant diffs ({@link dev.portprobe.profile.ProfileDiff}).
 *
 * <p>May depend on: the JDK, Jackson (YAML) and {@link dev.portprobe.InputException}. Nothing here touches the
 * network, Kubernetes or Netty.
 */
package dev.portprobe.profile;
