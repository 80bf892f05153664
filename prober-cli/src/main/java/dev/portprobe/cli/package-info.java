/**
 * The command line: one picocli command class per verb, parsing options, calling prober-core and handing the
 * result to a renderer. {@link dev.portprobe.cli.Cli} is the one place where exceptions become one-line messages
 * and exit codes (0 OK, 1 checks failed, 2 bad input, 3 cluster unreachable or denied);
 * {@link dev.portprobe.cli.Terminal} is the only writer to stdout and stderr.
 */
package dev.portprobe.cli;
