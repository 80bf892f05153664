/**
 * Detection: which built-in profiles apply to a cluster. {@link dev.portprobe.detect.Inventory} is what the cluster
 * holds (Services and Deployments with their labels, as plain values: the resolve package reads them through
 * fabric8); {@link dev.portprobe.detect.Detector} matches every built-in profile against it, namespace by namespace.
 *
 * <p>May depend on: {@code profile}. Never on fabric8 nor on {@code resolve}.
 */
package dev.portprobe.detect;
