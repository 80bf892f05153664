/**
 * A Kubernetes cluster for tests: fabric8's mock API server in CRUD mode ({@link dev.portprobe.testing.kube.FakeKubeApi})
 * whose pod port-forwards are live {@code v4.channel.k8s.io} relays to real loopback servers
 * ({@link dev.portprobe.testing.kube.PortForwardRelay}), installs loaded into it ({@link dev.portprobe.testing.kube.GlooInstall}
 * with TCP checks, {@link dev.portprobe.testing.kube.GlooEnterpriseCluster} with the built-in profile and a simulated
 * install's servers behind its pods), the loop of a fake Job controller ({@link dev.portprobe.testing.kube.FakeJobLoop}),
 * and ways to see what a client leaves open ({@link dev.portprobe.testing.kube.Leaks},
 * {@link dev.portprobe.testing.kube.Sockets}).
 *
 * <p>May depend on fabric8 (model, mock server, OkHttp transport), portprobe's plan, profile and simulate packages,
 * and the JDK. Every address it binds or dials is on loopback.
 */
package dev.portprobe.testing.kube;
