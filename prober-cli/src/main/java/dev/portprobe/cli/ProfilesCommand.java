package dev.portprobe.cli;

import dev.portprobe.profile.Profile;
import dev.portprobe.profile.ProfileDiff;
import dev.portprobe.profile.ProfileLoader;
import dev.portprobe.profile.ProfileWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "profiles", description = "List the built-in profiles, show one, or compare two.",
        subcommands = {ProfilesCommand.List.class, ProfilesCommand.Show.class, ProfilesCommand.Diff.class})
final class ProfilesCommand extends TerminalCommand {

    @Override
    public Integer call() throws Exception {
        return List.list(terminal);
    }

    @Command(name = "list", description = "List the built-in profiles.")
    static final class List extends TerminalCommand {

        @Override
        public Integer call() throws Exception {
            return list(terminal);
        }

        static int list(Terminal terminal) throws Exception {
            for (String name : ProfileLoader.builtinNames()) {
                Profile p = ProfileLoader.builtin(name);
                int checks = dev.portprobe.plan.Planner.plan(p).size();
                terminal.out().printf("%-28s %3d %-6s  %s%n", name, checks, checks == 1 ? "check" : "checks",
                        p.title() == null ? "" : p.title());
            }
            terminal.out().flush();
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Print a profile as YAML, with what it changes from the profile it extends.")
    static final class Show extends TerminalCommand {

        @Parameters(index = "0", paramLabel = "NAME|FILE")
        String name;

        @Override
        public Integer call() throws Exception {
            Profile p = ProfileLoader.resolve(name);
            boolean builtin = ProfileLoader.builtinNames().contains(name);
            terminal.out().print(builtin ? ProfileLoader.builtinText(name) : ProfileWriter.toYaml(p));
            if (p.extendsName() != null) {
                Profile base = ProfileLoader.base(p).orElseThrow();
                terminal.out().println();
                terminal.out().println("# Changes from " + p.extendsName() + ":");
                for (String line : ProfileDiff.between(base, p)) {
                    terminal.out().println("#   " + line);
                }
            }
            terminal.out().flush();
            return Cli.OK;
        }
    }

    /**
     * What differs from A to B, one line per change ({@code +} only in B, {@code -} only in A, {@code ~} changed);
     * like diff(1), exit 0 when they are the same and 1 when they differ.
     */
    @Command(name = "diff", description = "Show what differs between two profiles (built-in names or files): "
            + "+ only in B, - only in A, ~ changed. Exit code 0: the same; 1: they differ; 2: a profile cannot be read.")
    static final class Diff extends TerminalCommand {

        @Parameters(index = "0", paramLabel = "A")
        String a;

        @Parameters(index = "1", paramLabel = "B")
        String b;

        @Override
        public Integer call() throws Exception {
            Profile from = ProfileLoader.resolve(a);
            Profile to = ProfileLoader.resolve(b);
            java.util.List<String> changes = ProfileDiff.between(from, to);
            if (changes.isEmpty()) {
                terminal.info(a + " and " + b + " list the same ports");
                return Cli.OK;
            }
            terminal.out().println("--- " + a);
            terminal.out().println("+++ " + b);
            changes.forEach(terminal.out()::println);
            terminal.out().flush();
            return Cli.FAILED;
        }
    }
}
