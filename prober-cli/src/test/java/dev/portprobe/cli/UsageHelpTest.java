package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The usage help of every command in the tree, walked from the command line itself so a new command is covered. */
class UsageHelpTest {

    /** Every command and subcommand, as typed after {@code portprobe} (picocli's own {@code help} aside). */
    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        walk(root().getCommandSpec(), names);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandPrintsItsUsageOnHelpAndExitsZero(String command) {
        String[] words = command.split(" ");
        String[] argv = java.util.Arrays.copyOf(words, words.length + 1);
        argv[words.length] = "--help";
        // picocli passes every description line through String.format, and reports a line it cannot format (a bare
        // '%') as "[picocli WARN] Could not format ..." on the process's stderr, not on the command's.
        java.io.ByteArrayOutputStream processErr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        CliRun run;
        System.setErr(new java.io.PrintStream(processErr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run = CliRun.of(argv);
        } finally {
            System.setErr(saved);
        }
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: portprobe " + command).doesNotContain("%n");
        assertThat(run.err()).isEmpty();
        assertThat(processErr.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli");
    }

    @Test
    void aMissingCommandNamesEveryCommand() {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isEqualTo(2);
        List<String> top = commands().filter(c -> !c.contains(" ")).toList();
        assertThat(top).contains("probe", "learn", "detect", "completion");
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("portprobe: a command is required (" + String.join(", ", top) + ")");
    }

    private static CommandLine root() {
        StringWriter sink = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(sink), new PrintWriter(sink), Map.of(), false, false);
        return Cli.commandLine(terminal);
    }

    private static void walk(CommandSpec spec, List<String> into) {
        spec.subcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            CommandSpec s = sub.getCommandSpec();
            into.add(s.qualifiedName(" ").substring("portprobe ".length()));
            walk(s, into);
        });
    }
}
