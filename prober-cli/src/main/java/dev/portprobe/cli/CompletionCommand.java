package dev.portprobe.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code completion bash|zsh}: the completion script that picocli's {@link AutoComplete} generates from the whole
 * command tree. zsh gets the same script: it runs {@code bashcompinit} itself when {@code $ZSH_VERSION} is set, which is
 * how picocli documents zsh completion.
 */
@Command(name = "completion",
        description = {"Print a shell completion script for bash or zsh, generated from the command tree.",
                "Load it in the current shell with: source <(portprobe completion bash)"})
final class CompletionCommand extends TerminalCommand {

    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Override
    public Integer call() {
        terminal.out().print(script(terminal, shell));
        terminal.out().flush();
        return Cli.OK;
    }

    /** The script for {@code shell}: picocli's, for the full tree (a run registers only the command it runs). */
    static String script(Terminal terminal, Shell shell) {
        CommandLine full = Cli.commandLine(terminal);
        String script = AutoComplete.bash("portprobe", full);
        if (shell == Shell.zsh) {
            int firstLine = script.startsWith("#!") ? script.indexOf('\n') + 1 : 0;
            return script.substring(0, firstLine)
                    + "# zsh: this script loads compinit and bashcompinit, then registers the bash completion below.\n"
                    + script.substring(firstLine);
        }
        return script;
    }
}
