package dev.portprobe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer>, TerminalAware {
    private Terminal terminal;

    @Override
    public void terminal(Terminal t) {
        this.terminal = t;
    }

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return "portprobe " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")";
    }

    @Override
    public Integer call() {
        terminal.out().println(version());
        terminal.out().flush();
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }
}
