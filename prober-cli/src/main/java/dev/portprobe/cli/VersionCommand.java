package dev.portprobe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the version.")
final class VersionCommand extends TerminalCommand {

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
