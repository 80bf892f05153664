package dev.portprobe.cli;

import dev.portprobe.InputException;
import dev.portprobe.resolve.ClusterAccessException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree and the one place where exceptions become messages and exit codes. */
@Command(name = "portprobe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Probe every port of a vendor's port reference table, with the protocol the table promises.")
public final class Cli implements Runnable {
    /**
     * The commands, in the order of the usage help. picocli reflects over every registered command class when the
     * command line is built; {@link #commandLine(Terminal, String...)} registers only the one named by the first
     * argument when there is one, which keeps {@code check} from paying for the model of every other command.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("probe", ProbeCommand.class);
        m.put("check", CheckCommand.class);
        m.put("identify", IdentifyCommand.class);
        m.put("import", ImportCommand.class);
        m.put("profiles", ProfilesCommand.class);
        m.put("detect", DetectCommand.class);
        m.put("learn", LearnCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("job", JobCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("version", VersionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return m;
    }

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CLUSTER = 3;
    /** portprobe itself failed (a bug): never the code of a failing port. */
    public static final int CRASH = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String commands = String.join(", ", COMMANDS.keySet().stream().filter(c -> !"help".equals(c)).toList());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (" + commands + ")");
    }

    static CommandLine commandLine(Terminal terminal, String... argv) {
        Factory factory = new Factory(terminal);
        CommandLine cl = new CommandLine(new Cli(), factory);
        String first = argv.length > 0 ? argv[0] : null;
        boolean one = first != null && COMMANDS.containsKey(first) && !"help".equals(first);
        for (Map.Entry<String, Class<?>> c : COMMANDS.entrySet()) {
            if (!one || c.getKey().equals(first)) {
                cl.addSubcommand(c.getKey(), new CommandLine(c.getValue(), factory));
            }
        }
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
        cl.setParameterExceptionHandler((ex, args) -> {
            terminal.error(ex.getMessage());
            terminal.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            terminal.err().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = unwrap(ex);
            boolean stack = parseResult.originalArgs().contains("--stacktrace");
            if (cause instanceof InputException || cause instanceof ClusterAccessException) {
                terminal.error(cause.getMessage());
            } else if (cause instanceof InterruptedException) {
                terminal.error("interrupted");
            } else {
                terminal.error("internal error: " + cause + (stack ? "" : " (re-run with --stacktrace for details)"));
            }
            if (stack) {
                cause.printStackTrace(terminal.err());
            }
            terminal.err().flush();
            return exitCodeOf(cause);
        });
        return cl;
    }

    static int exitCodeOf(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof InputException || cause instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (cause instanceof ClusterAccessException) {
            return CLUSTER;
        }
        return CRASH;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException
                || c instanceof java.io.UncheckedIOException && c.getCause() instanceof InputException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Gives every command the terminal. */
    private static final class Factory implements CommandLine.IFactory {
        private final Terminal terminal;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (TerminalAware.class.isAssignableFrom(cls)) {
                K k = fallback.create(cls);
                ((TerminalAware) k).terminal(terminal);
                return k;
            }
            return fallback.create(cls);
        }
    }
}
