package dev.portprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portprobe.testing.system.SystemTests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code completion bash|zsh}: picocli's generated script, sourced in a real bash whose completion function is then
 * called the way bash calls it on TAB (COMP_WORDS, COMP_CWORD), so that the test sees what a user would be offered.
 */
class CompletionCliTest {
    @TempDir
    Path dir;

    /** What the completion function puts in COMPREPLY for the words typed so far (the last one is being completed). */
    private List<String> complete(Path script, String... words) throws Exception {
        StringBuilder typed = new StringBuilder();
        for (String w : words) {
            typed.append(" '").append(w).append('\'');
        }
        String program = "source \"$1\" >/dev/null 2>&1\n"
                + "fn=$(complete -p portprobe | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
                + "COMP_WORDS=(" + typed.toString().strip() + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "COMPREPLY=()\n"
                + "\"$fn\" portprobe \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Path runner = dir.resolve("complete.sh");
        Files.writeString(runner, program);
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", runner.toString(), script.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("bash finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * The candidates zsh gets on TAB, as zsh's bashcompinit gets them: {@code compgen -F} runs the script's function
     * with COMP_WORDS set, and zsh's {@code compadd} then keeps those that start with the word being completed (that
     * last filter is done here).
     */
    private List<String> completeInZsh(Path zsh, Path script, String... words) throws Exception {
        String program = "source \"$1\" >/dev/null 2>&1\n"
                + "COMP_WORDS=(\"${@:2}\")\n"
                + "COMP_CWORD=$(( $# - 2 ))\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "print -l -- ${(f)\"$(compgen -F _complete_portprobe -- \"${@[-1]}\")\"}\n";
        Path runner = dir.resolve("complete.zsh");
        Files.writeString(runner, program);
        List<String> command = new java.util.ArrayList<>(List.of(zsh.toString(), "-f", runner.toString(),
                script.toString()));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("zsh finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        String typed = words[words.length - 1];
        return out.lines().map(String::strip).filter(l -> !l.isEmpty() && l.startsWith(typed)).toList();
    }

    private Path script(String shell) throws IOException {
        CliRun run = CliRun.of("completion", shell);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Path file = dir.resolve("portprobe." + shell);
        Files.writeString(file, run.out());
        return file;
    }

    @Test
    void bashScriptOffersTheCommandsThatStartWithWhatWasTyped() throws Exception {
        Path bash = script("bash");
        assertThat(complete(bash, "portprobe", "pro")).containsExactlyInAnyOrder("probe", "profiles");
        assertThat(complete(bash, "portprobe", "i")).containsExactlyInAnyOrder("identify", "import");
    }

    @Test
    void bashScriptCompletesSubcommandsOptionsAndShells() throws Exception {
        Path bash = script("bash");
        assertThat(complete(bash, "portprobe", "job", "r")).containsExactlyInAnyOrder("render", "run");
        assertThat(complete(bash, "portprobe", "probe", "--wa")).containsExactly("--wait");
        assertThat(complete(bash, "portprobe", "completion", "")).containsExactlyInAnyOrder("bash", "zsh");
    }

    @Test
    void zshScriptIsPicocliScriptThatLoadsBashcompinitAndCompletesInBashToo() throws Exception {
        String bash = Files.readString(script("bash"));
        Path zshFile = script("zsh");
        String zsh = Files.readString(zshFile);
        assertThat(zsh).contains("bashcompinit").contains("ZSH_VERSION");
        assertThat(zsh.lines().filter(l -> !l.startsWith("# zsh:")).toList()).isEqualTo(bash.lines().toList());
        assertThat(complete(zshFile, "portprobe", "pro")).containsExactlyInAnyOrder("probe", "profiles");
    }

    @Test
    void zshScriptCompletesInARealZshThroughBashcompinit() throws Exception {
        Path zsh = SystemTests.require("zsh", "zsh");
        Path script = script("zsh");
        assertThat(completeInZsh(zsh, script, "portprobe", "pro")).containsExactlyInAnyOrder("probe", "profiles");
        assertThat(completeInZsh(zsh, script, "portprobe", "job", "r")).containsExactlyInAnyOrder("render", "run");
        assertThat(completeInZsh(zsh, script, "portprobe", "probe", "--wa")).containsExactly("--wait");
    }

    @Test
    void refusesAnotherShellWithUsageExitCode() {
        CliRun run = CliRun.of("completion", "fish");
        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err()).contains("fish");
    }
}
