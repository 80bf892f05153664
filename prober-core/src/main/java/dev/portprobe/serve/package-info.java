/**
 * {@code portprobe serve}: a long-running exporter. {@link dev.portprobe.serve.Exporter} runs the profile every
 * interval ({@link dev.portprobe.serve.RoundScheduler}, through {@link dev.portprobe.run.ProbeRunner}), keeps the
 * latest results and the counts of status transitions ({@link dev.portprobe.serve.Scoreboard}), and serves them over
 * HTTP with Netty's HTTP codec: {@code /metrics}, {@code /probe} (Prometheus' multi-target pattern),
 * {@code /-/healthy} and {@code /-/ready}.
 *
 * <p>May depend on {@code run}, {@code report}, {@code probe}, {@code plan}, {@code profile}, {@code outcome} and
 * {@code resolve.Resolver}; only the CLI depends on it. No terminal I/O: log lines go to the sink the caller gives.
 */
package dev.portprobe.serve;
